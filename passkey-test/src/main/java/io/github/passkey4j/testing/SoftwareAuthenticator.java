package io.github.passkey4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A passkey authenticator and a browser in one, in plain Java, for tests: it answers the creation and
 * request options that passkey4j hands out the way {@code navigator.credentials.create()} /
 * {@code get()} followed by {@code PublicKeyCredential.toJSON()} would in a browser, with EC P-256
 * (ES256) keys it makes itself.
 *
 * <h2>Registrations</h2>
 * {@link #create(String, Options)} makes a new credential and returns the registration JSON to hand to
 * {@code Passkeys.verifyPasskey}. It makes two attestation formats:
 * <ul>
 *   <li>{@value #NONE} (the default): no attestation statement, as most passkey providers send;</li>
 *   <li>{@value #PACKED}: "packed" self attestation, signed with the credential's own key
 *       ({@code alg} -7, no certificate chain).</li>
 * </ul>
 * It reports the AAGUID {@link #AAGUID}, the flags UP, UV, BE and BS, counter 0, and the transports
 * {@code internal} and {@code hybrid}, unless {@link Options} say otherwise.
 *
 * <h2>Assertions (sign-in)</h2>
 * {@link #get(String, Options)} signs a request with the credential created last (or the one named by
 * {@link Options#credentialId(byte[])}) and returns the assertion JSON for {@code Passkeys.finishSignIn}.
 * The user handle is the one the credential was created for.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
 * Options browser = Options.from("https://login.example.com");
 *
 * AddPasskeyResponse added = passkeys.addPasskey(user);
 * passkeys.verifyPasskey(user.id(), added.passkeyId(),
 *         authenticator.create(added.creationOptionsJson(), browser), "Laptop");
 *
 * SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
 * SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
 *         authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));
 * }</pre>
 *
 * <h2>Negative tests</h2>
 * Every field it signs or reports can be changed through {@link Options} (origin, challenge, type,
 * RP id hash, flags, counter, user handle, a flipped signature bit), to test what a relying party
 * refuses. One instance is not thread-safe; use one per test or per thread.
 */
public final class SoftwareAuthenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The attestation format "none": no attestation statement. */
    public static final String NONE = "none";
    /** The attestation format "packed", as self attestation signed with the credential's key. */
    public static final String PACKED = "packed";

    /** The AAGUID this authenticator reports. */
    public static final UUID AAGUID = UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");

    /** Makes an authenticator that holds no credential yet. */
    public SoftwareAuthenticator() {
    }

    /** One credential this authenticator holds: its id, key pair, user handle and counter. */
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

        /**
         * Returns the credential id.
         *
         * @return the credential id, base64url without padding
         */
        public String id() {
            return B64URL.encodeToString(id);
        }

        /**
         * Returns the last signature counter reported.
         *
         * @return the counter reported last; {@link Options#counting()} reports one more next time
         */
        public long signCount() {
            return signCount;
        }

        /**
         * Sets the counter to continue from, e.g. to simulate a cloned authenticator.
         *
         * @param count the counter to continue from
         */
        public void signCount(long count) {
            this.signCount = count;
        }
    }

    /**
     * What to produce for one ceremony; every field has a browser-like default. Made by
     * {@link #from(String)}; each setter returns the same instance for chaining.
     */
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
        boolean crossOrigin;
        String topOrigin;
        byte[] coseKey;
        byte[] authDataTail = new byte[0];
        String clientExtensionResults;

        private Options(String origin) {
            this.origin = origin;
        }

        /**
         * Options with the defaults: "none" attestation, UP and UV, BE and BS, counter 0.
         *
         * @param origin the origin the browser reports, e.g. {@code https://login.example.com}
         * @return new options
         */
        public static Options from(String origin) {
            return new Options(origin);
        }

        /**
         * Sets the attestation format of a registration.
         *
         * @param f {@link #NONE}, {@link #PACKED} (self attestation), or any other string, sent with an
         *     empty statement (to test how a relying party treats unknown formats)
         * @return this
         */
        public Options format(String f) {
            this.format = f;
            return this;
        }

        /**
         * Sets the UP (user present) flag.
         *
         * @param up the UP flag
         * @return this
         */
        public Options userPresent(boolean up) {
            this.userPresent = up;
            return this;
        }

        /**
         * Sets the UV (user verified) flag.
         *
         * @param uv the UV flag
         * @return this
         */
        public Options userVerified(boolean uv) {
            this.userVerified = uv;
            return this;
        }

        /**
         * Sets the BE (backup eligible) and BS (backed up) flags.
         *
         * @param be the BE flag
         * @param bs the BS flag
         * @return this
         */
        public Options backup(boolean be, boolean bs) {
            this.backupEligible = be;
            this.backedUp = bs;
            return this;
        }

        /**
         * Reports these client extension results instead of the default ({@code {"credProps": {"rk":
         * true}}} at registration, {@code {}} at sign-in): any JSON, for tests of hostile clients.
         *
         * @param json the {@code clientExtensionResults} value, as JSON
         * @return this
         */
        public Options clientExtensionResults(String json) {
            this.clientExtensionResults = json;
            return this;
        }

        /**
         * Sets the client data type to claim instead of {@code webauthn.create} / {@code webauthn.get}.
         *
         * @param type the client data type to claim
         * @return this
         */
        public Options clientDataType(String type) {
            this.clientDataType = type;
            return this;
        }

        /**
         * Sets the challenge to sign instead of the options' one.
         *
         * @param base64Url the challenge to sign instead of the options' one
         * @return this
         */
        public Options challenge(String base64Url) {
            this.challenge = base64Url;
            return this;
        }

        /**
         * Sets the RP id to hash into the authenticator data instead of the options' one.
         *
         * @param rpId the RP id to hash into the authenticator data instead of the options' one
         * @return this
         */
        public Options rpIdForHash(String rpId) {
            this.rpIdForHash = rpId;
            return this;
        }

        /**
         * Flips one bit of the signature (an assertion's, or a packed attestation's).
         *
         * @return this, with one bit of the signature flipped
         */
        public Options flipSignatureBit() {
            this.flipSignatureBit = true;
            return this;
        }

        /**
         * Sets the signature counter to report.
         *
         * @param count the counter to report
         * @return this
         */
        public Options signCount(long count) {
            this.signCount = count;
            return this;
        }

        /**
         * Reports one more than the credential's last counter, like a security key.
         *
         * @return this, counting up from the credential's last counter like a security key
         */
        public Options counting() {
            this.counterIncrements = true;
            return this;
        }

        /**
         * Sets the transports to report in a registration.
         *
         * @param t the transports to report
         * @return this
         */
        public Options transports(List<String> t) {
            this.transports = t;
            return this;
        }

        /**
         * Sets the credential id of a new credential, or picks the credential an assertion uses.
         *
         * @param id the credential id to use for a new credential
         * @return this
         */
        public Options credentialId(byte[] id) {
            this.credentialId = id.clone();
            return this;
        }

        /**
         * Reports another credential public key in the attested credential data instead of the
         * credential's own (the registration is still signed with the credential's private key).
         *
         * @param cose the COSE_Key bytes to report
         * @return this
         */
        public Options coseKey(byte[] cose) {
            this.coseKey = cose.clone();
            return this;
        }

        /**
         * Appends bytes to the authenticator data before it is signed.
         *
         * @param tail the bytes to append
         * @return this
         */
        public Options authDataTail(byte[] tail) {
            this.authDataTail = tail.clone();
            return this;
        }

        /**
         * Leaves the user handle out of the assertion, as some authenticators do for non-discoverable credentials.
         *
         * @return this, without a user handle in the assertion
         */
        public Options omitUserHandle() {
            this.omitUserHandle = true;
            return this;
        }

        /**
         * Runs the ceremony as in a cross-origin iframe: {@code crossOrigin: true} in the client data.
         *
         * @param topOrigin the top-level origin to report with {@code crossOrigin: true}, or null to
         *     leave {@code topOrigin} out, as a cross-origin iframe in an older browser does
         * @return this
         */
        public Options crossOrigin(String topOrigin) {
            this.crossOrigin = true;
            this.topOrigin = topOrigin;
            return this;
        }

        /**
         * Sets the user handle to report in the assertion.
         *
         * @param handle the user handle to report in the assertion
         * @return this
         */
        public Options userHandle(byte[] handle) {
            this.userHandleOverride = handle.clone();
            return this;
        }
    }

    private final Map<String, Credential> credentials = new LinkedHashMap<>();
    private Credential last;

    /**
     * Returns the credential created or used last.
     *
     * @return the credential created or used last
     */
    public Credential last() {
        return last;
    }

    /**
     * Returns every credential this authenticator holds.
     *
     * @return every credential, by base64url id
     */
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
                    o.challenge != null ? o.challenge : options.path("challenge").asText(), o);
            long count = o.signCount != null ? o.signCount : 0;
            byte[] authData = concat(authenticatorData(o.rpIdForHash != null ? o.rpIdForHash : rpId, o, count,
                    attestedCredentialData(c, o.coseKey)), o.authDataTail);
            Map<Object, Object> attStmt = new LinkedHashMap<>();
            if (o.format.equals(PACKED)) {
                byte[] sig = sign(c, concat(authData, sha256(clientData)), o.flipSignatureBit);
                attStmt.put("alg", -7);
                attStmt.put("sig", sig);
            }
            Map<Object, Object> attestation = new LinkedHashMap<>();
            attestation.put("fmt", o.format);
            attestation.put("attStmt", attStmt);
            attestation.put("authData", authData);

            credentials.put(c.id(), c);
            last = c;
            ObjectNode json = JSON.createObjectNode();
            json.put("id", c.id());
            json.put("rawId", c.id());
            json.put("type", "public-key");
            json.put("authenticatorAttachment", "platform");
            ObjectNode response = json.putObject("response");
            response.put("clientDataJSON", B64URL.encodeToString(clientData));
            response.put("attestationObject", B64URL.encodeToString(Cbor.encode(attestation)));
            response.put("authenticatorData", B64URL.encodeToString(authData));
            response.put("publicKeyAlgorithm", -7);
            response.put("publicKey", B64URL.encodeToString(c.keys.getPublic().getEncoded()));
            ArrayNode t = response.putArray("transports");
            o.transports.forEach(t::add);
            if (o.clientExtensionResults != null) {
                json.set("clientExtensionResults", JSON.readTree(o.clientExtensionResults));
            } else {
                json.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
            }
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
                    o.challenge != null ? o.challenge : options.path("challenge").asText(), o);
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
            if (o.clientExtensionResults != null) {
                json.set("clientExtensionResults", JSON.readTree(o.clientExtensionResults));
            } else {
                json.putObject("clientExtensionResults");
            }
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

    private static byte[] clientData(String type, String challenge, Options o) throws Exception {
        ObjectNode cd = JSON.createObjectNode();
        cd.put("type", type);
        cd.put("challenge", challenge);
        cd.put("origin", o.origin);
        cd.put("crossOrigin", o.crossOrigin);
        if (o.topOrigin != null) {
            cd.put("topOrigin", o.topOrigin);
        }
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
     * Encodes a credential's public key as an authenticator does.
     *
     * @param c a credential
     * @return its public key as a COSE_Key (EC2, ES256, P-256)
     */
    public static byte[] coseKeyOf(Credential c) {
        ECPublicKey pub = (ECPublicKey) c.keys.getPublic();
        Map<Object, Object> cose = new LinkedHashMap<>();
        cose.put(1, 2); // kty: EC2
        cose.put(3, -7); // alg: ES256
        cose.put(-1, 1); // crv: P-256
        cose.put(-2, unsigned32(pub.getW().getAffineX()));
        cose.put(-3, unsigned32(pub.getW().getAffineY()));
        return Cbor.encode(cose);
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
