package io.github.passkey4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A passkey authenticator and browser in one, in plain Java, for tests: it answers creation and
 * request options (as the library hands them out) the way {@code navigator.credentials} and
 * {@code PublicKeyCredential.toJSON()} would, with EC P-256 keys and "none" or "packed" self
 * attestation. Every field it signs or reports can be changed, to test what the library refuses.
 */
public final class SoftwareAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The AAGUID this authenticator reports. */
    public static final UUID AAGUID = UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");

    /** One credential this authenticator holds. */
    public static final class Credential {
        final byte[] id;
        final KeyPair keys;
        final byte[] userHandle;
        final String rpId;
        long signCount;

        Credential(byte[] id, KeyPair keys, byte[] userHandle, String rpId) {
            this.id = id;
            this.keys = keys;
            this.userHandle = userHandle;
            this.rpId = rpId;
        }

        /** @return the credential id, base64url */
        public String id() {
            return B64URL.encodeToString(id);
        }

        /** @return the counter it will report next time minus one */
        public long signCount() {
            return signCount;
        }

        /** @param count the counter to continue from */
        public void signCount(long count) {
            this.signCount = count;
        }
    }

    /** What to produce for one ceremony; every field has a browser-like default. */
    public static final class Options {
        String origin;
        String format = "none";
        boolean userPresent = true;
        boolean userVerified = true;
        boolean backupEligible = true;
        boolean backedUp = true;
        String clientDataType;
        String challenge;
        String rpIdForHash;
        boolean flipSignatureBit;
        Long signCount;
        boolean counterIncrements = false;
        List<String> transports = List.of("internal", "hybrid");
        byte[] credentialId;
        boolean omitUserHandle;
        byte[] userHandleOverride;
        byte[] coseKey;
        byte[] authDataTail = new byte[0];

        private Options(String origin) {
            this.origin = origin;
        }

        /** @return "none" attestation, UP and UV, BE and BS, counter 0, from {@code origin} */
        public static Options from(String origin) {
            return new Options(origin);
        }

        /**
         * @param f attestation format: "none", "packed" (self attestation), or any other string, sent
         *     with an empty statement
         * @return this
         */
        public Options format(String f) {
            this.format = f;
            return this;
        }

        /** @param up the UP flag @return this */
        public Options userPresent(boolean up) {
            this.userPresent = up;
            return this;
        }

        /** @param uv the UV flag @return this */
        public Options userVerified(boolean uv) {
            this.userVerified = uv;
            return this;
        }

        /** @param be the BE flag @param bs the BS flag @return this */
        public Options backup(boolean be, boolean bs) {
            this.backupEligible = be;
            this.backedUp = bs;
            return this;
        }

        /** @param type the client data type to claim @return this */
        public Options clientDataType(String type) {
            this.clientDataType = type;
            return this;
        }

        /** @param base64Url the challenge to sign instead of the options' one @return this */
        public Options challenge(String base64Url) {
            this.challenge = base64Url;
            return this;
        }

        /** @param rpId the RP id to hash into the authenticator data instead of the options' one @return this */
        public Options rpIdForHash(String rpId) {
            this.rpIdForHash = rpId;
            return this;
        }

        /** @return this, with one bit of the signature flipped */
        public Options flipSignatureBit() {
            this.flipSignatureBit = true;
            return this;
        }

        /** @param count the counter to report @return this */
        public Options signCount(long count) {
            this.signCount = count;
            return this;
        }

        /** @return this, counting up from the credential's last counter like a security key */
        public Options counting() {
            this.counterIncrements = true;
            return this;
        }

        /** @param t the transports to report @return this */
        public Options transports(List<String> t) {
            this.transports = t;
            return this;
        }

        /** @param id the credential id to use for a new credential @return this */
        public Options credentialId(byte[] id) {
            this.credentialId = id.clone();
            return this;
        }

        /**
         * @param cose the credential public key to report in the attested credential data instead of
         *     the credential's own (still signed with the credential's private key)
         * @return this
         */
        public Options coseKey(byte[] cose) {
            this.coseKey = cose.clone();
            return this;
        }

        /** @param tail bytes to append to the authenticator data before it is signed @return this */
        public Options authDataTail(byte[] tail) {
            this.authDataTail = tail.clone();
            return this;
        }

        /** @return this, without a user handle in the assertion */
        public Options omitUserHandle() {
            this.omitUserHandle = true;
            return this;
        }

        /** @param handle the user handle to report in the assertion @return this */
        public Options userHandle(byte[] handle) {
            this.userHandleOverride = handle.clone();
            return this;
        }
    }

    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private Credential last;

    /** @return the credential created or used last */
    public Credential last() {
        return last;
    }

    /** @return every credential, by base64url id */
    public Map<String, Credential> credentials() {
        return credentials;
    }

    // ------------------------------------------------------------------ registration

    /**
     * Answers creation options like {@code navigator.credentials.create} followed by {@code toJSON()}.
     *
     * @param creationOptionsJson {@code {"publicKey": {...}}} or the inner object
     * @param o what to produce
     * @return the credential JSON
     */
    public String create(String creationOptionsJson, Options o) {
        try {
            JsonNode options = publicKey(creationOptionsJson);
            String rpId = options.path("rp").path("id").asText();
            byte[] userHandle = B64URL_DECODER.decode(options.path("user").path("id").asText());
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] id = o.credentialId != null ? o.credentialId : randomBytes(32);
            Credential c = new Credential(id, kpg.generateKeyPair(), userHandle, rpId);

            byte[] clientData = clientData(o.clientDataType != null ? o.clientDataType : "webauthn.create",
                    o.challenge != null ? o.challenge : options.path("challenge").asText(), o.origin);
            long count = o.signCount != null ? o.signCount : 0;
            byte[] authData = concat(authenticatorData(o.rpIdForHash != null ? o.rpIdForHash : rpId, o, count,
                    attestedCredentialData(c, o.coseKey)), o.authDataTail);
            CBORObject attStmt = CBORObject.NewMap();
            if (o.format.equals("packed")) {
                byte[] sig = sign(c, concat(authData, sha256(clientData)), o.flipSignatureBit);
                attStmt.Add("alg", -7).Add("sig", sig);
            }
            CBORObject attestation = CBORObject.NewOrderedMap().Add("fmt", o.format).Add("attStmt", attStmt)
                    .Add("authData", authData);

            credentials.put(c.id(), c);
            last = c;
            ObjectNode json = JSON.createObjectNode();
            json.put("id", c.id());
            json.put("rawId", c.id());
            json.put("type", "public-key");
            json.put("authenticatorAttachment", "platform");
            ObjectNode response = json.putObject("response");
            response.put("clientDataJSON", B64URL.encodeToString(clientData));
            response.put("attestationObject", B64URL.encodeToString(attestation.EncodeToBytes()));
            response.put("authenticatorData", B64URL.encodeToString(authData));
            response.put("publicKeyAlgorithm", -7);
            response.put("publicKey", B64URL.encodeToString(c.keys.getPublic().getEncoded()));
            ArrayNode t = response.putArray("transports");
            o.transports.forEach(t::add);
            json.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
            return JSON.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ authentication

    /**
     * Answers request options like {@code navigator.credentials.get} followed by {@code toJSON()}, with
     * the credential created last (or the one of {@link Options#credentialId}).
     *
     * @param requestOptionsJson {@code {"publicKey": {...}}} or the inner object
     * @param o what to produce
     * @return the assertion JSON
     */
    public String get(String requestOptionsJson, Options o) {
        try {
            JsonNode options = publicKey(requestOptionsJson);
            Credential c = o.credentialId != null ? credentials.get(B64URL.encodeToString(o.credentialId)) : last;
            if (c == null) {
                throw new IllegalStateException("no credential");
            }
            String rpId = options.hasNonNull("rpId") ? options.get("rpId").asText() : c.rpId;
            byte[] clientData = clientData(o.clientDataType != null ? o.clientDataType : "webauthn.get",
                    o.challenge != null ? o.challenge : options.path("challenge").asText(), o.origin);
            long count = o.signCount != null ? o.signCount : o.counterIncrements ? c.signCount + 1 : 0;
            c.signCount = count;
            byte[] authData = concat(authenticatorData(o.rpIdForHash != null ? o.rpIdForHash : rpId, o, count, null),
                    o.authDataTail);
            byte[] sig = sign(c, concat(authData, sha256(clientData)), o.flipSignatureBit);
            last = c;
            ObjectNode json = JSON.createObjectNode();
            json.put("id", c.id());
            json.put("rawId", c.id());
            json.put("type", "public-key");
            json.put("authenticatorAttachment", "platform");
            ObjectNode response = json.putObject("response");
            response.put("clientDataJSON", B64URL.encodeToString(clientData));
            response.put("authenticatorData", B64URL.encodeToString(authData));
            response.put("signature", B64URL.encodeToString(sig));
            byte[] handle = o.userHandleOverride != null ? o.userHandleOverride : c.userHandle;
            if (!o.omitUserHandle) {
                response.put("userHandle", B64URL.encodeToString(handle));
            }
            json.putObject("clientExtensionResults");
            return JSON.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ parts

    private static JsonNode publicKey(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return node.has("publicKey") ? node.get("publicKey") : node;
    }

    private static byte[] clientData(String type, String challenge, String origin) throws Exception {
        ObjectNode cd = JSON.createObjectNode();
        cd.put("type", type);
        cd.put("challenge", challenge);
        cd.put("origin", origin);
        cd.put("crossOrigin", false);
        return JSON.writeValueAsBytes(cd);
    }

    private static byte[] authenticatorData(String rpId, Options o, long count, byte[] attested) {
        int flags = (o.userPresent ? 0x01 : 0) | (o.userVerified ? 0x04 : 0) | (o.backupEligible ? 0x08 : 0)
                | (o.backedUp ? 0x10 : 0) | (attested != null ? 0x40 : 0);
        ByteBuffer b = ByteBuffer.allocate(37 + (attested == null ? 0 : attested.length));
        b.put(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        b.put((byte) flags);
        b.putInt((int) count);
        if (attested != null) {
            b.put(attested);
        }
        return b.array();
    }

    /**
     * @param c a credential
     * @return its public key as a COSE_Key (EC2, ES256, P-256), as an authenticator encodes it
     */
    public static byte[] coseKeyOf(Credential c) {
        ECPublicKey pub = (ECPublicKey) c.keys.getPublic();
        return CBORObject.NewOrderedMap()
                .Add(1, 2).Add(3, -7).Add(-1, 1)
                .Add(-2, unsigned32(pub.getW().getAffineX()))
                .Add(-3, unsigned32(pub.getW().getAffineY())).EncodeToBytes();
    }

    private static byte[] attestedCredentialData(Credential c, byte[] coseOverride) {
        byte[] cose = coseOverride != null ? coseOverride : coseKeyOf(c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer aaguid = ByteBuffer.allocate(16);
        aaguid.putLong(AAGUID.getMostSignificantBits()).putLong(AAGUID.getLeastSignificantBits());
        out.writeBytes(aaguid.array());
        out.write((c.id.length >> 8) & 0xff);
        out.write(c.id.length & 0xff);
        out.writeBytes(c.id);
        out.writeBytes(cose);
        return out.toByteArray();
    }

    private static byte[] sign(Credential c, byte[] data, boolean flip) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(c.keys.getPrivate());
        s.update(data);
        byte[] sig = s.sign();
        if (flip) {
            sig[sig.length - 1] ^= 0x01;
        }
        return sig;
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
