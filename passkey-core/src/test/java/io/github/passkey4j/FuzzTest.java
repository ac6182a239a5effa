package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of the verification boundary: valid responses made by the software
 * authenticator, mutated (bit flips, inserted and deleted bytes, truncation at every offset, wrong
 * CBOR major types, huge declared lengths, deep nesting, duplicated CBOR and JSON keys, numbers
 * where strings belong, unknown fields, empty strings, non-UTF-8 client data, the other base64
 * alphabet, padding), and handed to {@code verifyPasskey}, {@code verifyPasskeyWithCode} and
 * {@code finishSignIn} on the in-memory store.
 *
 * <p>Every call ends in success, and then only with a response that still is valid (the stored
 * passkey signs in afterwards), or in a {@link PasskeyException} with a documented 4xx code, and
 * then nothing was stored or changed. Never another exception, never a 5xx, never a hang (a
 * generous per-call timeout). The tries per property come from {@code -Dpasskey4j.fuzz.tries}
 * (12,000 by default: 84,000 cases per build over the 7 properties); a failure prints jqwik's seed and the shrunk
 * mutation.
 *
 * <p>The same mutations are fuzzed through the library's own verification path (issue 16): a PS256
 * packed self attestation, an ML-DSA-44 packed self attestation and an ML-DSA-44 sign-in, on an instance that
 * enables them (the ES256 cases run on the same instance, where they take the engine's path).
 */
class FuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    /** The codes a refusal may carry: all documented, none 5xx. */
    private static final Set<PasskeyException.Code> DOCUMENTED = Set.of(PasskeyException.Code.INVALID_ARGUMENT,
            PasskeyException.Code.FAILED_PRECONDITION, PasskeyException.Code.NOT_FOUND,
            PasskeyException.Code.ALREADY_EXISTS, PasskeyException.Code.UNAUTHENTICATED);
    /** A hang, not a slow call: generous on a busy machine. */
    private static final long TIMEOUT_SECONDS = 30;

    private static final ExecutorService CALLER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "fuzz-caller");
        thread.setDaemon(true);
        return thread;
    });

    /** One instance for every try: the cost of a case is the call, not the set-up. */
    private static final TestPasskeys T = new TestPasskeys(new InMemoryPasskeyStore(),
            Passkeys.builder().enablePss().enableMlDsa());
    private static final SoftwareAuthenticator AUTHENTICATOR = new SoftwareAuthenticator();
    private static final java.util.Map<Long, java.security.KeyPair> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    @AfterContainer
    static void stopCaller() {
        CALLER.shutdownNow();
    }

    // ------------------------------------------------------------------ mutations

    /** What a mutation does. */
    enum Kind {
        FLIP_BIT, INSERT_BYTE, DELETE_BYTE, TRUNCATE, WRONG_MAJOR_TYPE, HUGE_LENGTH, DEEP_NESTING, DUPLICATE_CBOR_KEY,
        DUPLICATE_JSON_KEY, NUMBER_FOR_STRING, UNKNOWN_FIELD, EMPTY_STRING, NON_UTF8_CLIENT_DATA, OTHER_ALPHABET, PADDING
    }

    /** Which part of the response a byte-level mutation works on. */
    enum Target {
        JSON_TEXT, CLIENT_DATA, ATTESTATION_OBJECT, AUTHENTICATOR_DATA, SIGNATURE, CREDENTIAL_ID
    }

    /**
     * One mutation, shrinkable: jqwik prints it as the shrunk input of a failure.
     *
     * @param kind what it does
     * @param target where (for the byte-level kinds)
     * @param position an offset (taken modulo the target's length) or a field's index
     * @param value a byte, a count or a choice
     */
    record Mutation(Kind kind, Target target, int position, int value) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        // the byte-level kinds weigh most; the kinds that mostly leave a valid response (and so cost a
        // whole sign-in to check) least, yet each is tried thousands of times per build
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(Kind.FLIP_BIT, Kind.INSERT_BYTE, Kind.DELETE_BYTE, Kind.TRUNCATE,
                        Kind.WRONG_MAJOR_TYPE, Kind.HUGE_LENGTH, Kind.DEEP_NESTING, Kind.DUPLICATE_CBOR_KEY)),
                Tuple.of(2, Arbitraries.of(Kind.DUPLICATE_JSON_KEY, Kind.NUMBER_FOR_STRING, Kind.EMPTY_STRING,
                        Kind.NON_UTF8_CLIENT_DATA)),
                Tuple.of(1, Arbitraries.of(Kind.UNKNOWN_FIELD, Kind.OTHER_ALPHABET, Kind.PADDING)));
        return Combinators.combine(kinds, Arbitraries.of(Target.class),
                Arbitraries.integers().between(0, 4096), Arbitraries.integers().between(0, 255)).as(Mutation::new);
    }

    private static final List<String> ROOT_FIELDS = List.of("id", "rawId", "type", "authenticatorAttachment",
            "clientExtensionResults", "response");
    private static final List<String> REGISTRATION_FIELDS = List.of("clientDataJSON", "attestationObject", "transports",
            "authenticatorData", "publicKey", "publicKeyAlgorithm");
    private static final List<String> ASSERTION_FIELDS = List.of("clientDataJSON", "authenticatorData", "signature",
            "userHandle");

    static String mutate(String valid, Mutation m, boolean registration) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(valid);
            ObjectNode response = (ObjectNode) json.get("response");
            List<String> responseFields = registration ? REGISTRATION_FIELDS : ASSERTION_FIELDS;
            int v = m.value();
            switch (m.kind()) {
                case DUPLICATE_JSON_KEY: {
                    // the same key twice, as text (Jackson's tree cannot hold it)
                    String field = ROOT_FIELDS.get(v % ROOT_FIELDS.size());
                    String text = JSON.writeValueAsString(json);
                    String copy = "\"" + field + "\":" + JSON.writeValueAsString(json.get(field)) + ",";
                    return text.charAt(0) + copy + text.substring(1);
                }
                case NUMBER_FOR_STRING:
                case EMPTY_STRING: {
                    boolean inResponse = v % 2 == 0;
                    List<String> fields = inResponse ? responseFields : ROOT_FIELDS;
                    String field = fields.get((v / 2) % fields.size());
                    ObjectNode node = inResponse ? response : json;
                    if (m.kind() == Kind.EMPTY_STRING) {
                        node.put(field, "");
                    } else {
                        node.put(field, m.position() - 2048);
                    }
                    return JSON.writeValueAsString(json);
                }
                case UNKNOWN_FIELD: {
                    ObjectNode node = v % 2 == 0 ? json : response;
                    node.put("x-unknown-" + (v % 7), m.position());
                    return JSON.writeValueAsString(json);
                }
                case NON_UTF8_CLIENT_DATA: {
                    byte[] cd = B64URL_DECODER.decode(response.get("clientDataJSON").asText());
                    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}};
                    response.put("clientDataJSON", B64URL.encodeToString(insert(cd, m.position(), bad[v % bad.length])));
                    return JSON.writeValueAsString(json);
                }
                case OTHER_ALPHABET:
                case PADDING: {
                    boolean inResponse = v % 3 != 0;
                    List<String> fields = inResponse ? responseFields : List.of("id", "rawId");
                    String field = fields.get(v % fields.size());
                    ObjectNode node = inResponse ? response : json;
                    JsonNode value = node.get(field);
                    if (value == null || !value.isTextual()) {
                        return JSON.writeValueAsString(json);
                    }
                    byte[] decoded = B64URL_DECODER.decode(value.asText());
                    String encoded = m.kind() == Kind.OTHER_ALPHABET ? Base64.getEncoder().encodeToString(decoded)
                            : value.asText() + "=".repeat(1 + (m.position() % 4));
                    node.put(field, encoded);
                    return JSON.writeValueAsString(json);
                }
                default:
                    return bytes(json, response, m, registration);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the fuzzer could not apply " + m, e);
        }
    }

    /** The byte-level mutations, on the target's bytes. */
    private static String bytes(ObjectNode json, ObjectNode response, Mutation m, boolean registration) throws Exception {
        switch (m.target()) {
            case JSON_TEXT: {
                byte[] text = JSON.writeValueAsBytes(json);
                return new String(change(text, m), StandardCharsets.UTF_8);
            }
            case CLIENT_DATA:
                return field(json, response, "clientDataJSON", m);
            case CREDENTIAL_ID: {
                byte[] id = B64URL_DECODER.decode(json.get("rawId").asText());
                String changed = B64URL.encodeToString(change(id, m));
                json.put("rawId", changed);
                if (m.value() % 2 == 0) {
                    json.put("id", changed);
                }
                return JSON.writeValueAsString(json);
            }
            case SIGNATURE:
                if (!registration) {
                    return field(json, response, "signature", m);
                }
                return attestationPart(json, response, m, "attStmt");
            case AUTHENTICATOR_DATA:
                if (!registration) {
                    return field(json, response, "authenticatorData", m);
                }
                return attestationPart(json, response, m, "authData");
            default:
                if (!registration) {
                    return field(json, response, "authenticatorData", m);
                }
                return field(json, response, "attestationObject", m);
        }
    }

    private static String field(ObjectNode json, ObjectNode response, String name, Mutation m) throws Exception {
        byte[] b = B64URL_DECODER.decode(response.get(name).asText());
        response.put(name, B64URL.encodeToString(change(b, m)));
        return JSON.writeValueAsString(json);
    }

    /** Mutates the authenticator data or the statement's signature inside the attestation object, re-encoded. */
    private static String attestationPart(ObjectNode json, ObjectNode response, Mutation m, String part) throws Exception {
        CBORObject att = CBORObject.DecodeFromBytes(B64URL_DECODER.decode(response.get("attestationObject").asText()));
        CBORObject statement = att.get("attStmt");
        CBORObject authData = att.get("authData");
        if (part.equals("authData")) {
            authData = CBORObject.FromObject(change(authData.GetByteString(), m));
        } else if (statement.ContainsKey("sig")) {
            statement = CBORObject.NewOrderedMap().Add("alg", statement.get("alg"))
                    .Add("sig", change(statement.get("sig").GetByteString(), m));
        } else {
            // "none": the statement is empty; anything put into it must be refused
            statement = CBORObject.NewOrderedMap().Add("sig", change(new byte[] {0x30, 0x00}, m));
        }
        byte[] encoded = CBORObject.NewOrderedMap().Add("fmt", att.get("fmt")).Add("attStmt", statement)
                .Add("authData", authData).EncodeToBytes();
        response.put("attestationObject", B64URL.encodeToString(encoded));
        return JSON.writeValueAsString(json);
    }

    private static byte[] change(byte[] b, Mutation m) {
        int at = b.length == 0 ? 0 : m.position() % b.length;
        int v = m.value();
        switch (m.kind()) {
            case FLIP_BIT: {
                if (b.length == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << (v % 8));
                return c;
            }
            case INSERT_BYTE:
                return insert(b, m.position() % (b.length + 1), new byte[] {(byte) v});
            case DELETE_BYTE: {
                if (b.length == 0) {
                    return b;
                }
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                return c;
            }
            case TRUNCATE:
                return Arrays.copyOf(b, m.position() % (b.length + 1));
            case WRONG_MAJOR_TYPE: {
                if (b.length == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[at] = (byte) (((v % 8) << 5) | (c[at] & 0x1f));
                return c;
            }
            case HUGE_LENGTH: {
                // a byte string, text string, array or map declaring up to 2^64 - 1 elements
                byte[] header = {(byte) (0x5b + 0x20 * (v % 4)), (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) (0xf0 | (v & 0x0f))};
                if (v % 5 == 0) {
                    header = new byte[] {(byte) (0x5a + 0x20 * (v % 4)), 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
                }
                return insert(b, m.position() % (b.length + 1), header);
            }
            case DEEP_NESTING: {
                byte[] nest = new byte[1 + v * 4];
                Arrays.fill(nest, (byte) (v % 2 == 0 ? 0x81 : 0xa1));
                if (v % 2 == 1) {
                    for (int i = 1; i < nest.length; i += 2) {
                        nest[i] = 0x01; // {1: {1: ...}}
                    }
                }
                return insert(b, m.position() % (b.length + 1), nest);
            }
            case DUPLICATE_CBOR_KEY: {
                // the attestation object's (or any leading map's) first key and value again, the count raised
                if (b.length == 0 || (b[0] & 0xe0) != 0xa0 || (b[0] & 0x1f) >= 23) {
                    return insert(b, at, new byte[] {(byte) 0xa2, 0x01, 0x02, 0x01, 0x02});
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b[0] + 1);
                out.writeBytes(Arrays.copyOfRange(b, 1, b.length));
                out.writeBytes(new byte[] {0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e'});
                return out.toByteArray();
            }
            default:
                return insert(b, at, new byte[] {(byte) v});
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        int i = Math.min(Math.max(at, 0), b.length);
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, i);
        System.arraycopy(what, 0, c, i, what.length);
        System.arraycopy(b, i, c, i + what.length, b.length - i);
        return c;
    }

    // ------------------------------------------------------------------ the calls

    /** What a refusal must leave as it was. */
    private record Snapshot(List<StoredPasskey> passkeys, List<Event> events, Optional<PendingCeremony> pending) {
    }

    private static Snapshot snapshot(String userId, String ceremonyId) {
        return new Snapshot(T.store.listPasskeys(userId), T.store.listEvents(userId), T.store.findPending(ceremonyId));
    }

    /**
     * Runs one call with a liveness timeout.
     *
     * @return true when it succeeded; false when it was refused as documented, with nothing changed
     */
    private static boolean call(Supplier<?> call, Snapshot before, Supplier<Snapshot> after, Mutation m) throws Exception {
        Future<?> future = CALLER.submit(call::get);
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("no answer within " + TIMEOUT_SECONDS + " s to " + m);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof PasskeyException refusal)) {
                throw new AssertionError("not a PasskeyException for " + m, e.getCause());
            }
            assertThat(refusal.code()).as("%s: %s %s", m, refusal.reason(), refusal.getMessage()).isIn(DOCUMENTED);
            assertThat(refusal.httpStatus()).isLessThan(500);
            assertThat(after.get()).as("nothing changed on a refusal of %s", m).isEqualTo(before);
            return false;
        }
    }

    /** A begun registration and a valid answer to it. */
    private static final class Registration {
        PasskeyUser user;
        AddPasskeyResponse added;
        String valid;
        CreatedRegistrationCode code;

        final long alg;

        Registration(String format, boolean withCode) {
            this(format, withCode, -7);
        }

        Registration(String format, boolean withCode, long alg) {
            this.alg = alg;
            renew(format, withCode);
        }

        void renew(String format, boolean withCode) {
            user = newUser();
            if (withCode) {
                code = T.passkeys.createRegistrationCode(user);
                added = T.passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
            } else {
                added = T.passkeys.addPasskey(user);
            }
            // one key per algorithm: a fresh RSA key per renewal would cost more than the cases
            valid = AUTHENTICATOR.create(added.creationOptionsJson(), Options.from(ORIGIN).format(format).algorithm(alg)
                    .keyPair(KEYS.computeIfAbsent(alg, Options::newKeyPair)));
        }
    }

    private static Registration none;
    private static Registration packed;
    private static Registration coded;
    private static Registration pss;
    private static Registration mlDsa;

    private static synchronized Registration registration(String which) {
        switch (which) {
            case "pss":
                return pss == null ? pss = new Registration("packed", false, -37) : pss;
            case "ml-dsa":
                return mlDsa == null ? mlDsa = new Registration("packed", false, -48) : mlDsa;
            case "none":
                return none == null ? none = new Registration("none", false) : none;
            case "packed":
                return packed == null ? packed = new Registration("packed", false) : packed;
            default:
                return coded == null ? coded = new Registration("none", true) : coded;
        }
    }

    private static void fuzzRegistration(Mutation m, String which) throws Exception {
        Registration r = registration(which);
        boolean withCode = which.equals("code");
        String credential = mutate(r.valid, m, true);
        String userId = r.user.id();
        String passkeyId = r.added.passkeyId();
        Snapshot before = snapshot(userId, passkeyId);
        boolean stored = call(() -> withCode
                        ? T.passkeys.verifyPasskeyWithCode(userId, passkeyId, credential, "Fuzzed")
                        : T.passkeys.verifyPasskey(userId, passkeyId, credential, "Fuzzed"),
                before, () -> snapshot(userId, passkeyId), m);
        if (stored) {
            // only a still-valid response gets here: its stored key must verify a sign-in
            StoredPasskey passkey = T.store.findPasskey(passkeyId).filter(StoredPasskey::isReady)
                    .orElseThrow(() -> new AssertionError("verified but not stored: " + m));
            SignInChallenge c = T.passkeys.beginSignIn(SignInOptions.forUser(userId));
            // the counter may have been mutated into any 32-bit value: count on from it
            long next = passkey.signCount() == 0 ? 0 : Math.min(passkey.signCount() + 1, 0xffffffffL);
            // the flags may have been mutated too: the follow-up sign-in keeps the backup eligibility registered
            // (a change is refused by policy, which HostileInputTest and PolicyTest cover)
            String assertion = AUTHENTICATOR.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).credentialId(passkey.credentialId().toArray()).signCount(next)
                            .backup(passkey.backupEligible(), passkey.backupEligible()));
            if (passkey.signCount() == 0xffffffffL) {
                // no higher counter exists; the refusal for the counter comes after the signature verified
                try {
                    T.passkeys.finishSignIn(c.ceremonyId(), assertion);
                    throw new AssertionError("a counter that cannot go up signed in: " + m);
                } catch (PasskeyException e) {
                    assertThat(e.reason()).isEqualTo(ErrorReason.SIGN_COUNT_REGRESSION);
                }
            } else {
                assertThat(T.passkeys.finishSignIn(c.ceremonyId(), assertion).passkeyId()).as("signs in after %s", m)
                        .isEqualTo(passkeyId);
            }
            r.renew(which.equals("packed") || which.equals("pss") || which.equals("ml-dsa") ? "packed" : "none", withCode);
        }
    }

    // ------------------------------------------------------------------ properties

    @Property
    void verifyPasskeyOfANoneRegistrationEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m)
            throws Exception {
        fuzzRegistration(m, "none");
    }

    @Property
    void verifyPasskeyOfAPackedRegistrationEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m)
            throws Exception {
        fuzzRegistration(m, "packed");
    }

    @Property
    void verifyPasskeyOfAPs256RegistrationEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m)
            throws Exception {
        fuzzRegistration(m, "pss");
    }

    @Property
    void verifyPasskeyOfAnMlDsaRegistrationEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m)
            throws Exception {
        fuzzRegistration(m, "ml-dsa");
    }

    @Property
    void verifyPasskeyWithCodeEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m) throws Exception {
        fuzzRegistration(m, "code");
    }

    /** A registered passkey, a begun sign-in and a valid assertion for it. */
    private static final class SignIn {
        final PasskeyUser user = newUser();
        final String passkeyId;
        final byte[] credentialId;
        SignInChallenge challenge;
        String valid;

        SignIn(long alg) {
            AddPasskeyResponse added = T.passkeys.addPasskey(user);
            T.passkeys.verifyPasskey(user.id(), added.passkeyId(),
                    AUTHENTICATOR.create(added.creationOptionsJson(), Options.from(ORIGIN).algorithm(alg)), "Signs in");
            passkeyId = added.passkeyId();
            credentialId = T.store.findPasskey(passkeyId).orElseThrow().credentialId().toArray();
            renew();
        }

        void renew() {
            challenge = T.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            valid = AUTHENTICATOR.get(challenge.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).credentialId(credentialId));
        }
    }

    private static SignIn signIn;
    private static SignIn mlDsaSignIn;

    @Property
    void finishSignInEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m) throws Exception {
        synchronized (FuzzTest.class) {
            if (signIn == null) {
                signIn = new SignIn(-7);
            }
        }
        fuzzSignIn(signIn, m);
    }

    @Property
    void finishSignInWithAnMlDsaPasskeyEndsInSuccessOrADocumentedRefusal(@ForAll("mutations") Mutation m) throws Exception {
        synchronized (FuzzTest.class) {
            if (mlDsaSignIn == null) {
                mlDsaSignIn = new SignIn(-48);
            }
        }
        fuzzSignIn(mlDsaSignIn, m);
    }

    private static void fuzzSignIn(SignIn s, Mutation m) throws Exception {
        String assertion = mutate(s.valid, m, false);
        String ceremonyId = s.challenge.ceremonyId();
        Snapshot before = snapshot(s.user.id(), ceremonyId);
        boolean signedIn = call(() -> T.passkeys.finishSignIn(ceremonyId, assertion), before,
                () -> snapshot(s.user.id(), ceremonyId), m);
        if (signedIn) {
            assertThat(T.store.findPasskey(s.passkeyId).orElseThrow().lastUsedAt()).as("recorded after %s", m).isPresent();
            s.renew();
        }
    }
}
