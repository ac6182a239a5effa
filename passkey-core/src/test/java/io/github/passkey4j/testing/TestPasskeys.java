package io.github.passkey4j.testing;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Passkeys} on a store with a hand-moved clock, for tests. */
public final class TestPasskeys {

    /** The default RP id. */
    public static final String RP_ID = "example.com";
    /** The default RP's origin. */
    public static final String ORIGIN = "https://login.example.com";
    /** A second RP id. */
    public static final String OTHER_RP_ID = "other.example";
    /** The second RP's origin. */
    public static final String OTHER_ORIGIN = "https://other.example";
    /** Where the clock starts. */
    public static final Instant START = Instant.parse("2026-11-28T10:54:19.585Z");

    private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() * 100_000);
    /**
     * Ids for every instance of this JVM: the clock restarts at {@link #START} in every test, so
     * time-ordered ids from a random node could repeat across tests that share one database.
     */
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    /** The clock. */
    public final MutableClock clock = new MutableClock(START);
    /** The store. */
    public final PasskeyStore store;
    /** The instance under test. */
    public final Passkeys passkeys;

    /** On a fresh in-memory store. */
    public TestPasskeys() {
        this(new InMemoryPasskeyStore());
    }

    /** @param store the store to use */
    public TestPasskeys(PasskeyStore store) {
        this(store, Passkeys.builder());
    }

    /**
     * @param store the store
     * @param builder a builder with further settings
     */
    public TestPasskeys(PasskeyStore store, Passkeys.Builder builder) {
        this.store = store;
        this.passkeys = builder.store(store)
                .ids(() -> Long.toString(IDS.incrementAndGet()))
                .relyingParty(RelyingPartyConfig.of(RP_ID, "Example", ORIGIN, "android:apk-key-hash:abc123"))
                .relyingParty(RelyingPartyConfig.of(OTHER_RP_ID, "Other", OTHER_ORIGIN))
                .clock(clock)
                .build();
    }

    /**
     * @param call a library call that must be refused
     * @return the refusal
     * @throws AssertionError when the call is not refused with a {@link io.github.passkey4j.PasskeyException}
     */
    public static io.github.passkey4j.PasskeyException refusal(Runnable call) {
        try {
            call.run();
        } catch (io.github.passkey4j.PasskeyException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    /**
     * Adds and verifies a "packed" passkey (self attestation) of the user's, made by the authenticator at
     * {@link #ORIGIN} and named "Key".
     *
     * @param authenticator the authenticator
     * @param user the user
     * @return the passkey's id
     */
    public String registerPacked(SoftwareAuthenticator authenticator, PasskeyUser user) {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(),
                SoftwareAuthenticator.Options.from(ORIGIN).format("packed")), "Key");
        return added.passkeyId();
    }

    /**
     * Signs the user in (with an allow list) with the authenticator at {@link #ORIGIN}.
     *
     * @param authenticator the authenticator holding one of the user's passkeys
     * @param user the user
     * @return the sign-in
     */
    public SignInResult signIn(SoftwareAuthenticator authenticator, PasskeyUser user) {
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        return passkeys.finishSignIn(challenge.ceremonyId(), authenticator.get(
                challenge.publicKeyCredentialRequestOptions(), SoftwareAuthenticator.Options.from(ORIGIN)));
    }

    /** @return a new user of organisation 69629023906488334 */
    public static PasskeyUser newUser() {
        String id = Long.toString(USERS.incrementAndGet());
        return new PasskeyUser(id, "user" + id + "@acme.test", "Test User " + id, "69629023906488334");
    }
}
