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
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A passkey authenticator and a browser in one, in plain Java, for tests: it answers the creation and
 * request options that passkey4j hands out the way {@code navigator.credentials.create()} /
 * {@code get()} followed by {@code PublicKeyCredential.toJSON()} would in a browser, with keys it makes
 * itself: EC P-256 (ES256) unless {@link Options#algorithm(long)} asks for another algorithm.
 *
 * <h2>Algorithms</h2>
 * ES256 (-7, the default), ES384 (-35), ES512 (-36), EdDSA with Ed25519 (-8), RS256 (-257), and the
 * ones passkey4j verifies itself when the host enables them: PS256 (-37), PS384 (-38), PS512 (-39)
 * (RSASSA-PSS, salt as long as the hash) and ML-DSA-44 (-48), ML-DSA-65 (-49), ML-DSA-87 (-50) (COSE
 * key type AKP). All of them come with the JDK except ML-DSA before Java 24, which needs a provider:
 * BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}, 1.79 or later) on the test class path is
 * found and used without being registered. This kit does not depend on BouncyCastle: without it every
 * other algorithm works, and asking for ML-DSA fails with an {@link IllegalStateException} saying so.
 *
 * <h2>Registrations</h2>
 * {@link #create(String, Options)} makes a new credential and returns the registration JSON to hand to
 * {@code Passkeys.verifyPasskey}. It makes two attestation formats:
 * <ul>
 *   <li>{@value #NONE} (the default): no attestation statement, as most passkey providers send;</li>
 *   <li>{@value #PACKED}: "packed" self attestation, signed with the credential's own key
 *       ({@code alg} the credential key's, no certificate chain).</li>
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
        final long algorithm;
        long signCount;

        Credential(byte[] id, KeyPair keys, byte[] userHandle, String rpId, long algorithm) {
            this.id = id;
            this.keys = keys;
            this.userHandle = userHandle;
            this.rpId = rpId;
            this.algorithm = algorithm;
        }

        /**
         * Returns the credential's COSE algorithm.
         *
         * @return its COSE algorithm, e.g. -7 for ES256
         */
        public long algorithm() {
            return algorithm;
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
        long algorithm = -7;
        KeyPair keyPair;
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
         * Sets the COSE algorithm of a new credential's key (default -7, ES256); an assertion signs with
         * the credential's own algorithm. See the class description for the algorithms there are.
         *
         * @param coseAlgorithm -7, -35, -36, -8, -257, -37, -38, -39, -48, -49 or -50
         * @return this
         * @throws IllegalArgumentException for another algorithm
         */
        public Options algorithm(long coseAlgorithm) {
            if (!KeyKind.ALL.contains(coseAlgorithm)) {
                throw new IllegalArgumentException("the software authenticator does not make keys of COSE algorithm "
                        + coseAlgorithm);
            }
            this.algorithm = coseAlgorithm;
            return this;
        }

        /**
         * Makes the new credential with this key pair instead of a fresh one, e.g. to reuse one slow
         * RSA key across many registrations of a test. It must be a key of {@link #algorithm(long)}.
         *
         * @param keys the key pair
         * @return this
         */
        public Options keyPair(KeyPair keys) {
            this.keyPair = keys;
            return this;
        }

        /**
         * Makes a key pair of a COSE algorithm, as {@link SoftwareAuthenticator#create} does for a new
         * credential; see the class description for the algorithms there are.
         *
         * @param coseAlgorithm the COSE algorithm
         * @return a new key pair
         * @throws IllegalStateException when this JVM has no provider for it
         */
        public static KeyPair newKeyPair(long coseAlgorithm) {
            try {
                return KeyKind.generate(coseAlgorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
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
     * @throws IllegalStateException when ML-DSA is asked for and this JVM has no provider for it (the
     *     message says what to add)
     */
    public String create(String creationOptionsJson, Options o) {
        try {
            JsonNode options = publicKey(creationOptionsJson);
            String rpId = options.path("rp").path("id").asText();
            byte[] userHandle = B64URL_DECODER.decode(options.path("user").path("id").asText());
            byte[] id = o.credentialId != null ? o.credentialId : randomBytes(32);
            Credential c = new Credential(id, o.keyPair != null ? o.keyPair : KeyKind.generate(o.algorithm), userHandle,
                    rpId, o.algorithm);

            byte[] clientData = clientData(o.clientDataType != null ? o.clientDataType : "webauthn.create",
                    o.challenge != null ? o.challenge : options.path("challenge").asText(), o);
            long count = o.signCount != null ? o.signCount : 0;
            byte[] authData = concat(authenticatorData(o.rpIdForHash != null ? o.rpIdForHash : rpId, o, count,
                    attestedCredentialData(c, o.coseKey)), o.authDataTail);
            Map<Object, Object> attStmt = new LinkedHashMap<>();
            if (o.format.equals(PACKED)) {
                byte[] sig = sign(c, concat(authData, sha256(clientData)), o.flipSignatureBit);
                attStmt.put("alg", c.algorithm);
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
            response.put("publicKeyAlgorithm", c.algorithm);
            response.put("publicKey", B64URL.encodeToString(c.keys.getPublic().getEncoded()));
            ArrayNode t = response.putArray("transports");
            o.transports.forEach(t::add);
            if (o.clientExtensionResults != null) {
                json.set("clientExtensionResults", JSON.readTree(o.clientExtensionResults));
            } else {
                json.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
            }
            return JSON.writeValueAsString(json);
        } catch (IllegalStateException e) {
            throw e;
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
        } catch (IllegalStateException e) {
            throw e;
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
     * @return its public key as a COSE_Key: EC2 (P-256, P-384, P-521), OKP (Ed25519), RSA or AKP (ML-DSA)
     */
    public static byte[] coseKeyOf(Credential c) {
        return Cbor.encode(KeyKind.cose(c.keys, c.algorithm));
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
        Signature s = KeyKind.signature(c.algorithm);
        s.initSign(c.keys.getPrivate());
        s.update(data);
        byte[] sig = s.sign();
        if (flip) {
            sig[sig.length - 1] ^= 0x01;
        }
        return sig;
    }

    /** The key pairs, COSE keys and signatures of each algorithm. */
    private static final class KeyKind {
        static final List<Long> ALL = List.of(-7L, -35L, -36L, -8L, -257L, -37L, -38L, -39L, -48L, -49L, -50L);
        private static final Map<Long, String> EC_CURVES = Map.of(-7L, "secp256r1", -35L, "secp384r1", -36L, "secp521r1");
        private static final Map<Long, Integer> EC_CRV = Map.of(-7L, 1, -35L, 2, -36L, 3);
        private static final Map<Long, Integer> EC_LENGTH = Map.of(-7L, 32, -35L, 48, -36L, 66);
        private static final Map<Long, String> HASHES = Map.of(-7L, "SHA256", -35L, "SHA384", -36L, "SHA512",
                -257L, "SHA256", -37L, "SHA-256", -38L, "SHA-384", -39L, "SHA-512");
        private static final Map<Long, String> ML_DSA = Map.of(-48L, "ML-DSA-44", -49L, "ML-DSA-65", -50L, "ML-DSA-87");
        private static final Map<Long, Integer> ML_DSA_LENGTH = Map.of(-48L, 1312, -49L, 1952, -50L, 2592);

        private KeyKind() {
        }

        static KeyPair generate(long alg) throws GeneralSecurityException {
            if (EC_CURVES.containsKey(alg)) {
                KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
                kpg.initialize(new ECGenParameterSpec(EC_CURVES.get(alg)));
                return kpg.generateKeyPair();
            }
            if (alg == -8) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            if (ML_DSA.containsKey(alg)) {
                return mlDsa("KeyPairGenerator", ML_DSA.get(alg),
                        (name, provider) -> provider == null ? KeyPairGenerator.getInstance(name)
                                : KeyPairGenerator.getInstance(name, provider)).generateKeyPair();
            }
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(2048);
            return kpg.generateKeyPair();
        }

        static Map<Object, Object> cose(KeyPair keys, long alg) {
            Map<Object, Object> cose = new LinkedHashMap<>();
            if (EC_CURVES.containsKey(alg)) {
                ECPublicKey pub = (ECPublicKey) keys.getPublic();
                cose.put(1, 2); // kty: EC2
                cose.put(3, alg);
                cose.put(-1, EC_CRV.get(alg));
                cose.put(-2, unsigned(pub.getW().getAffineX(), EC_LENGTH.get(alg)));
                cose.put(-3, unsigned(pub.getW().getAffineY(), EC_LENGTH.get(alg)));
            } else if (alg == -8) {
                cose.put(1, 1); // kty: OKP
                cose.put(3, -8);
                cose.put(-1, 6); // crv: Ed25519
                cose.put(-2, tail(keys.getPublic().getEncoded(), 32));
            } else if (ML_DSA.containsKey(alg)) {
                cose.put(1, 7); // kty: AKP
                cose.put(3, alg);
                cose.put(-1, tail(keys.getPublic().getEncoded(), ML_DSA_LENGTH.get(alg)));
            } else {
                RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
                cose.put(1, 3); // kty: RSA
                cose.put(3, alg);
                cose.put(-1, unsigned(pub.getModulus(), (pub.getModulus().bitLength() + 7) / 8));
                cose.put(-2, unsigned(pub.getPublicExponent(), (pub.getPublicExponent().bitLength() + 7) / 8));
            }
            return cose;
        }

        static Signature signature(long alg) throws GeneralSecurityException {
            if (EC_CURVES.containsKey(alg)) {
                return Signature.getInstance(HASHES.get(alg) + "withECDSA");
            }
            if (alg == -8) {
                return Signature.getInstance("Ed25519");
            }
            if (alg == -257) {
                return Signature.getInstance("SHA256withRSA");
            }
            if (ML_DSA.containsKey(alg)) {
                return mlDsa("Signature", "ML-DSA",
                        (name, provider) -> provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider));
            }
            String hash = HASHES.get(alg);
            Signature pss = Signature.getInstance("RSASSA-PSS");
            int saltLength = Integer.parseInt(hash.substring(4)) / 8;
            pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength,
                    PSSParameterSpec.TRAILER_FIELD_BC));
            return pss;
        }

        /** A JCA engine factory: (algorithm, provider or null for the registered ones). */
        private interface Factory<T> {
            T get(String name, Provider provider) throws GeneralSecurityException;
        }

        /** From a registered provider (the JDK's own from Java 24 on), else from BouncyCastle on the class path. */
        private static <T> T mlDsa(String type, String name, Factory<T> factory) throws GeneralSecurityException {
            try {
                return factory.get(name, null);
            } catch (java.security.NoSuchAlgorithmException e) {
                Provider bc = bouncyCastle().orElseThrow(() -> new IllegalStateException("ML-DSA keys need Java 24 or later, "
                        + "or BouncyCastle (org.bouncycastle:bcprov-jdk18on 1.79 or later) on the class path", e));
                return factory.get(name, bc);
            }
        }

        private static java.util.Optional<Provider> bouncyCastle() {
            try {
                return java.util.Optional.of((Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                        .getConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return java.util.Optional.empty();
            }
        }

        private static byte[] tail(byte[] encoded, int length) {
            byte[] out = new byte[length];
            System.arraycopy(encoded, encoded.length - length, out, 0, length);
            return out;
        }

        private static byte[] unsigned(BigInteger n, int length) {
            byte[] raw = n.toByteArray();
            byte[] out = new byte[length];
            int copy = Math.min(raw.length, length);
            System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
            return out;
        }
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
