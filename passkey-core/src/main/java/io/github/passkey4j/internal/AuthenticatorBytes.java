package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The library's own reading of the authenticator's binary data, before the engine sees it: the
 * attestation object (the strict CBOR subset of {@link Cbor}, exactly the keys {@code fmt},
 * {@code attStmt} and {@code authData}, a registered format spelled exactly) and the authenticator
 * data (its length consistent with its flags, the credential id's length within bounds, the
 * credential public key valid by {@link CoseKeys}, extension data consumed exactly, BS only with BE).
 */
public final class AuthenticatorBytes {

    /** The longest credential id accepted, in bytes (WebAuthn Level 3). */
    public static final int MAX_CREDENTIAL_ID_BYTES = 1023;
    /** The attestation statement formats of the IANA registry that the library verifies. */
    public static final Set<String> FORMATS = Set.of("packed", "tpm", "android-key", "android-safetynet", "fido-u2f",
            "apple", "none");

    private static final int FLAG_UP = 0x01;
    private static final int FLAG_BE = 0x08;
    private static final int FLAG_BS = 0x10;
    private static final int FLAG_AT = 0x40;
    private static final int FLAG_ED = 0x80;
    /** rpIdHash (32), flags (1), signCount (4). */
    private static final int FIXED = 37;
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("fmt", "attStmt", "authData");

    private AuthenticatorBytes() {
    }

    /**
     * The authenticator data, checked.
     *
     * @param flags the flags byte
     * @param credentialId the attested credential id, or null in an assertion
     * @param publicKeyCose the attested credential public key, exactly as encoded, or null
     * @param algorithm its COSE algorithm, or 0
     */
    public record AuthData(int flags, byte[] credentialId, byte[] publicKeyCose, long algorithm) {
        /** @return whether UP is set */
        public boolean userPresent() {
            return (flags & FLAG_UP) != 0;
        }
    }

    /**
     * The attestation object, checked.
     *
     * @param format the attestation format the engine is to verify
     * @param sentFormat the format the authenticator sent
     * @param authData the authenticator data inside it
     * @param encoded the attestation object to hand to the engine: the one received, or, for an
     *     unknown format treated as "none", the same authenticator data with format "none" and an
     *     empty statement
     */
    public record Attestation(String format, String sentFormat, AuthData authData, byte[] encoded) {
    }

    /**
     * @param attestationObject the attestation object
     * @param unknownFormatsAsNone whether an unknown format is treated as "none" instead of refused
     * @return it, checked
     * @throws PasskeyException CBOR_INVALID, ATTESTATION_FORMAT_UNSUPPORTED, AUTHENTICATOR_DATA_INVALID,
     *     COSE_KEY_INVALID, CREDENTIAL_ID_TOO_LONG or BACKUP_FLAGS_INVALID
     */
    public static Attestation attestation(byte[] attestationObject, boolean unknownFormatsAsNone) {
        Object root = Cbor.readWhole(attestationObject, "the attestation object");
        if (!(root instanceof Map<?, ?> map)) {
            throw cbor("the attestation object is not a CBOR map");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw cbor("the attestation object's keys must be text strings");
            }
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw cbor("the attestation object has an unexpected key");
            }
        }
        if (!(map.get("fmt") instanceof String format)) {
            throw cbor("the attestation object's fmt must be a text string");
        }
        if (!(map.get("attStmt") instanceof Map<?, ?> statement)) {
            throw cbor("the attestation object's attStmt must be a map");
        }
        for (Object key : statement.keySet()) {
            if (!(key instanceof String)) {
                throw cbor("the attestation statement's keys must be text strings");
            }
        }
        if (!(map.get("authData") instanceof byte[] authDataBytes)) {
            throw cbor("the attestation object's authData must be a byte string");
        }
        AuthData authData = authenticatorData(authDataBytes, true);
        if (FORMATS.contains(format)) {
            statement(format, statement, authData);
            return new Attestation(format, format, authData, attestationObject);
        }
        if (!unknownFormatsAsNone) {
            throw new PasskeyException(ErrorReason.ATTESTATION_FORMAT_UNSUPPORTED,
                    "the attestation format is not one of " + String.join(", ", new java.util.TreeSet<>(FORMATS))
                            + " (formats are case-sensitive)");
        }
        return new Attestation("none", format, authData, noneAttestation(authDataBytes));
    }

    /**
     * @param data the authenticator data
     * @param registration whether it is a registration's (attested credential data required) or an
     *     assertion's (none allowed)
     * @return it, checked
     * @throws PasskeyException AUTHENTICATOR_DATA_INVALID, COSE_KEY_INVALID, CBOR_INVALID,
     *     CREDENTIAL_ID_TOO_LONG or BACKUP_FLAGS_INVALID
     */
    public static AuthData authenticatorData(byte[] data, boolean registration) {
        if (data.length < FIXED) {
            throw authData("the authenticator data has " + data.length + " bytes, fewer than 37");
        }
        int flags = data[32] & 0xff;
        if ((flags & FLAG_BS) != 0 && (flags & FLAG_BE) == 0) {
            throw new PasskeyException(ErrorReason.BACKUP_FLAGS_INVALID);
        }
        boolean at = (flags & FLAG_AT) != 0;
        boolean ed = (flags & FLAG_ED) != 0;
        if (registration && !at) {
            throw authData("the authenticator data of a registration must hold the attested credential data (AT flag)");
        }
        if (!registration && at) {
            throw authData("the authenticator data of a sign-in must not hold attested credential data (AT flag)");
        }
        int pos = FIXED;
        byte[] credentialId = null;
        byte[] cose = null;
        long alg = 0;
        if (at) {
            if (data.length - pos < 18) {
                throw authData("the authenticator data ends inside the attested credential data");
            }
            pos += 16; // AAGUID
            int idLength = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
            pos += 2;
            if (idLength == 0) {
                throw authData("the attested credential id is empty");
            }
            if (idLength > MAX_CREDENTIAL_ID_BYTES) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_ID_TOO_LONG);
            }
            if (data.length - pos < idLength) {
                throw authData("the authenticator data ends inside the credential id");
            }
            credentialId = Arrays.copyOfRange(data, pos, pos + idLength);
            pos += idLength;
            if (pos == data.length) {
                throw authData("the authenticator data ends before the credential public key");
            }
            Cbor.Read key = Cbor.readItem(data, pos, data.length, "the credential public key");
            alg = CoseKeys.validate(key.value());
            cose = Arrays.copyOfRange(data, pos, key.end());
            pos = key.end();
        }
        if (ed) {
            if (pos == data.length) {
                throw authData("the authenticator data announces extensions (ED flag) but holds none");
            }
            Cbor.Read extensions = Cbor.readItem(data, pos, data.length, "the authenticator extension data");
            if (!(extensions.value() instanceof Map<?, ?> map)) {
                throw authData("the authenticator extension data is not a map");
            }
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) {
                    throw authData("the authenticator extension data's keys must be text strings");
                }
            }
            pos = extensions.end();
        }
        if (pos != data.length) {
            throw authData("the authenticator data has " + (data.length - pos) + " bytes more than its flags announce");
        }
        return new AuthData(flags, credentialId, cose, alg);
    }

    /**
     * The attestation statement's fields for its format, present and of the right CBOR type (the
     * engine's verifiers assume them and fail with a NullPointerException otherwise); their values
     * are verified by the engine (and for {@code android-key} by {@link AndroidKeyAttestation}).
     */
    private static void statement(String format, Map<?, ?> statement, AuthData authData) {
        switch (format) {
            case "none":
                if (!statement.isEmpty()) {
                    throw attestation("a \"none\" attestation statement must be empty");
                }
                break;
            case "packed": {
                field(statement, "alg", Long.class, true);
                field(statement, "sig", byte[].class, true);
                java.security.PublicKey signer = certificates(statement, false);
                if (signer != null) {
                    signatureShape((byte[]) statement.get("sig"), signer);
                } else {
                    selfSignatureShape((byte[]) statement.get("sig"), authData);
                }
                break;
            }
            case "fido-u2f": {
                field(statement, "sig", byte[].class, true);
                java.security.PublicKey signer = certificates(statement, true);
                if (((java.util.List<?>) statement.get("x5c")).size() != 1) {
                    throw attestation("a fido-u2f attestation statement must carry exactly one certificate");
                }
                signatureShape((byte[]) statement.get("sig"), signer);
                break;
            }
            case "android-key":
                field(statement, "alg", Long.class, true);
                field(statement, "sig", byte[].class, true);
                certificates(statement, true);
                break;
            case "tpm":
                field(statement, "ver", String.class, true);
                field(statement, "alg", Long.class, true);
                field(statement, "sig", byte[].class, true);
                field(statement, "certInfo", byte[].class, true);
                field(statement, "pubArea", byte[].class, true);
                certificates(statement, true);
                break;
            case "android-safetynet":
                field(statement, "ver", String.class, true);
                field(statement, "response", byte[].class, true);
                safetyNetResponse((byte[]) statement.get("response"));
                break;
            default: // apple
                certificates(statement, true);
                break;
        }
    }

    private static void field(Map<?, ?> statement, String name, Class<?> type, boolean required) {
        Object value = statement.get(name);
        if (value == null && !required) {
            return;
        }
        if (value == null) {
            throw attestation("the attestation statement lacks " + name);
        }
        if (!type.isInstance(value)) {
            throw attestation("the attestation statement's " + name + " has the wrong type");
        }
    }

    /**
     * x5c: a non-empty array of byte strings, each an X.509 certificate.
     *
     * @return the leaf certificate's public key, or null without x5c
     */
    private static java.security.PublicKey certificates(Map<?, ?> statement, boolean required) {
        field(statement, "x5c", java.util.List.class, required);
        Object x5c = statement.get("x5c");
        if (x5c == null) {
            return null;
        }
        java.util.List<?> list = (java.util.List<?>) x5c;
        if (list.isEmpty()) {
            throw attestation("the attestation statement's x5c is empty");
        }
        java.security.PublicKey leaf = null;
        for (Object certificate : list) {
            if (!(certificate instanceof byte[] der)) {
                throw attestation("the attestation statement's x5c must hold byte strings");
            }
            java.security.PublicKey key = certificate(der);
            leaf = leaf == null ? key : leaf;
        }
        return leaf;
    }

    /** A self attestation's signature, made with the credential key (validated already). */
    private static void selfSignatureShape(byte[] sig, AuthData authData) {
        Map<?, ?> key = (Map<?, ?>) Cbor.readWhole(authData.publicKeyCose(), "the credential public key");
        long kty = (Long) key.get(1L);
        if (kty == 2 && !ecdsaDer(sig)) {
            throw attestation("the attestation signature is not a DER-encoded ECDSA signature");
        }
        if (kty == 3 && sig.length != (new java.math.BigInteger(1, (byte[]) key.get(-1L)).bitLength() + 7) / 8) {
            throw attestation("the attestation signature does not have the length of its RSA key");
        }
        if (kty == OwnSignatures.KTY_AKP
                && sig.length != OwnSignatures.ML_DSA_SETS.get(authData.algorithm()).signatureLength()) {
            throw attestation("the attestation signature does not have the length of its ML-DSA parameter set");
        }
    }

    /**
     * A signature of the shape its key makes: for an EC key a DER SEQUENCE of two INTEGERs and nothing
     * more, for an RSA key exactly the modulus' length. The engine logs the whole attestation object
     * at ERROR when a signature cannot even be checked; a wrong signature of the right shape is
     * simply refused by it.
     */
    private static void signatureShape(byte[] sig, java.security.PublicKey key) {
        if (key instanceof java.security.interfaces.ECPublicKey) {
            if (!ecdsaDer(sig)) {
                throw attestation("the attestation signature is not a DER-encoded ECDSA signature");
            }
        } else if (key instanceof java.security.interfaces.RSAPublicKey rsa) {
            if (sig.length != (rsa.getModulus().bitLength() + 7) / 8) {
                throw attestation("the attestation signature does not have the length of its RSA key");
            }
        }
    }

    /** SEQUENCE { INTEGER r, INTEGER s }, short-form or one-byte lengths, exactly consumed. */
    static boolean ecdsaDer(byte[] sig) {
        if (sig.length < 8 || sig[0] != 0x30) {
            return false;
        }
        int pos = 1;
        int length = sig[pos++] & 0xff;
        if (length == 0x81) {
            length = sig[pos++] & 0xff;
        } else if (length > 0x7f) {
            return false;
        }
        if (pos + length != sig.length) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            if (pos + 2 > sig.length || sig[pos] != 0x02) {
                return false;
            }
            int n = sig[pos + 1] & 0xff;
            pos += 2;
            if (n == 0 || n > 0x7f || pos + n > sig.length) {
                return false;
            }
            pos += n;
        }
        return pos == sig.length;
    }

    /**
     * An X.509 certificate, parsed here first: the engine logs the whole attestation object (ids and
     * key included) at ERROR when it cannot parse one.
     */
    private static java.security.PublicKey certificate(byte[] der) {
        try {
            return java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der)).getPublicKey();
        } catch (java.security.cert.CertificateException | RuntimeException e) {
            throw attestation("an attestation certificate cannot be parsed");
        }
    }

    /**
     * A SafetyNet response: a compact JWS whose header and payload are JSON objects and whose header
     * carries its certificate chain ({@code x5c}, standard base64); the engine logs the attestation
     * object at ERROR when it cannot parse one. The engine verifies its signature and contents.
     */
    private static void safetyNetResponse(byte[] response) {
        String[] parts = new String(response, StandardCharsets.UTF_8).split("\\.", -1);
        if (parts.length != 3) {
            throw attestation("the SafetyNet response is not a compact JWS");
        }
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            com.fasterxml.jackson.databind.JsonNode header = Json.MAPPER.readTree(url.decode(parts[0]));
            com.fasterxml.jackson.databind.JsonNode payload = Json.MAPPER.readTree(url.decode(parts[1]));
            url.decode(parts[2]);
            if (header == null || !header.isObject() || payload == null || !payload.isObject()
                    || !header.path("alg").isTextual() || !header.path("x5c").isArray() || header.get("x5c").isEmpty()) {
                throw attestation("the SafetyNet response's JWS header or payload is not valid");
            }
            for (com.fasterxml.jackson.databind.JsonNode c : header.get("x5c")) {
                if (!c.isTextual()) {
                    throw attestation("the SafetyNet response's certificates must be base64 strings");
                }
                certificate(Base64.getDecoder().decode(c.asText()));
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw attestation("the SafetyNet response's JWS cannot be decoded");
        }
    }

    private static PasskeyException attestation(String message) {
        return new PasskeyException(ErrorReason.ATTESTATION_INVALID, message);
    }

    /** {"fmt": "none", "attStmt": {}, "authData": authData}, in the canonical encoding. */
    static byte[] noneAttestation(byte[] authData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(authData.length + 40);
        out.write(0xa3);
        text(out, "fmt");
        text(out, "none");
        text(out, "attStmt");
        out.write(0xa0);
        text(out, "authData");
        header(out, 2, authData.length);
        out.writeBytes(authData);
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        header(out, 3, b.length);
        out.writeBytes(b);
    }

    private static void header(ByteArrayOutputStream out, int major, int length) {
        int type = major << 5;
        if (length < 24) {
            out.write(type | length);
        } else if (length < 0x100) {
            out.write(type | 24);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(type | 25);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(type | 26);
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }

    private static PasskeyException cbor(String message) {
        return new PasskeyException(ErrorReason.CBOR_INVALID, message);
    }

    private static PasskeyException authData(String message) {
        return new PasskeyException(ErrorReason.AUTHENTICATOR_DATA_INVALID, message);
    }
}
