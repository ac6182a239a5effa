package io.github.passkey4j.benchmarks;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.ChallengeSource;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.internal.TimeOrderedIdGenerator;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One store and two {@link Passkeys} on it, shared by the benchmark's threads, with a population of
 * users made before measuring.
 *
 * <ul>
 *   <li>{@link #live}: configured as a host would (challenges from {@code SecureRandom}); the
 *       begin benchmarks use it.
 *   <li>{@link #fixed}: the same, except that every challenge it hands out is
 *       {@link Authenticator#CHALLENGE} (it still draws 32 bytes from {@code SecureRandom} first, so
 *       a begin costs what it costs with {@link #live}). Answers made before the measurement are
 *       valid for its ceremonies, so finish and whole-ceremony benchmarks measure the library, not
 *       the authenticator.
 * </ul>
 *
 * <p>Per JMH thread {@code t}: {@link #SIGN_IN_USERS} users with one passkey each (sign-in and "Add
 * passkey" with one existing passkey to exclude), and {@link #LIST_USERS} users with
 * {@link #LIST_SIZE} passkeys each (the list benchmark). Each thread uses only its own users, as
 * concurrent logins of different people do.
 */
@State(Scope.Benchmark)
public class Env {

    /** Users with one passkey per thread. */
    public static final int SIGN_IN_USERS = 16;
    /** The instances' {@code maxOpenCeremoniesPerUser}: the most the library allows, for the finish pools. */
    public static final int MAX_OPEN_PER_USER = 1000;
    /** Users with {@link #LIST_SIZE} passkeys per thread. */
    public static final int LIST_USERS = 2;
    /** Passkeys of a list user. */
    public static final int LIST_SIZE = 10;
    /** The resource owner of every user. */
    public static final String ORG = "69629023906488334";

    /** {@code memory}, {@code h2} or {@code postgres}. */
    @Param({"memory", "h2", "postgres"})
    public String store;

    /** The opened store. */
    public Stores.Opened opened;
    /** The instance with random challenges. */
    public Passkeys live;
    /** The instance whose challenges are {@link Authenticator#CHALLENGE}. */
    public Passkeys fixed;
    /** The authenticator answering {@link #fixed}'s ceremonies. */
    public Authenticator authenticator;
    /** Per thread: users with one passkey. */
    public PasskeyUser[][] signInUsers;
    /** Per thread: the assertion each sign-in user's passkey gives to a {@link #fixed} ceremony. */
    public String[][] assertions;
    /** Per thread: users with {@link #LIST_SIZE} passkeys. */
    public PasskeyUser[][] listUsers;

    private final AtomicLong userIds = new AtomicLong(300_000_000_000_000_000L);
    private final AtomicLong credentialIds = new AtomicLong();
    private final long salt = new SecureRandom().nextLong();

    /**
     * @param params the benchmark's parameters (the thread count)
     */
    @Setup(Level.Trial)
    public void open(BenchmarkParams params) {
        if (params.getParamsKeys().contains("provider") && params.getParam("provider").equals(Verifier.BC_BUILDER)) {
            ecdsaVerifier = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
        open(params.getThreads());
    }

    /**
     * The provider the library's instances are built with ({@code Passkeys.Builder.ecdsaVerifier}), or
     * null for none: set from the trial's {@link Verifier#provider} ({@link Verifier#BC_BUILDER}).
     */
    public java.security.Provider ecdsaVerifier;

    /**
     * Opens the store (unless {@link #opened} was set already) and makes the users.
     *
     * @param threads how many threads will use it
     */
    public void open(int threads) {
        if (opened == null) {
            opened = Stores.open(store, Math.max(4, threads + 2));
        }
        authenticator = new Authenticator();
        live = builder(1).build();
        fixed = builder(2).challenges(fixedChallenges()).build();
        signInUsers = new PasskeyUser[threads][SIGN_IN_USERS];
        assertions = new String[threads][SIGN_IN_USERS];
        listUsers = new PasskeyUser[threads][LIST_USERS];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < SIGN_IN_USERS; i++) {
                PasskeyUser user = newUser();
                byte[] credentialId = register(user, false);
                signInUsers[t][i] = user;
                assertions[t][i] = authenticator.assertion(credentialId, Bytes.utf8(user.id()).toArray());
            }
            for (int i = 0; i < LIST_USERS; i++) {
                PasskeyUser user = newUser();
                for (int k = 0; k < LIST_SIZE; k++) {
                    register(user, false);
                }
                listUsers[t][i] = user;
            }
        }
    }

    /** {@link #live}'s clock, moved ahead a day to expire what it began. */
    private final MovedClock liveClock = MovedClock.system();

    /**
     * @return an instance like {@link #fixed} (its node, fixed challenges, verifier) on a new, empty
     *     in-memory store
     */
    public Passkeys freshInMemory() {
        return builder(2).store(new InMemoryPasskeyStore()).challenges(fixedChallenges()).build();
    }

    private Passkeys.Builder builder(int node) {
        Clock clock = node == 1 ? liveClock : Clock.systemUTC();
        IdGenerator ids = new TimeOrderedIdGenerator(node, clock);
        Passkeys.Builder b = Passkeys.builder();
        if (ecdsaVerifier != null) {
            b.ecdsaVerifier(ecdsaVerifier);
        }
        return b
                .store(opened.store())
                .relyingParty(RelyingPartyConfig.of(Authenticator.RP_ID, "Example", Authenticator.ORIGIN))
                .clock(clock)
                .ids(ids)
                // the finish pools' begun sign-ins must stay open: the pool holds at most this many per user
                .maxOpenCeremoniesPerUser(MAX_OPEN_PER_USER);
    }

    /** Costs what the default source costs, returns {@link Authenticator#CHALLENGE}. */
    static ChallengeSource fixedChallenges() {
        ChallengeSource random = ChallengeSource.secureRandom();
        return () -> {
            random.nextChallenge();
            return Authenticator.CHALLENGE.clone();
        };
    }

    /** @return a user nobody has seen */
    public PasskeyUser newUser() {
        String id = Long.toString(userIds.incrementAndGet());
        return new PasskeyUser(id, "user" + id + "@acme.test", "User " + id, ORG);
    }

    /** @return a credential id nobody has used */
    public byte[] newCredentialId() {
        return Authenticator.credentialId(salt, credentialIds.incrementAndGet());
    }

    /**
     * Adds a passkey to the user through the public API ("none" attestation).
     *
     * @param user the user
     * @param packed whether to answer with "packed" attestation
     * @return its credential id
     */
    public byte[] register(PasskeyUser user, boolean packed) {
        byte[] credentialId = newCredentialId();
        AddPasskeyResponse added = fixed.addPasskey(user);
        fixed.verifyPasskey(user.id(), added.passkeyId(), authenticator.registration(credentialId, packed), "Key");
        return credentialId;
    }

    /** How many begun ceremonies the begin benchmarks leave in the store at most before they drop them. */
    public static final int BEGUN_AT_MOST = 4096;

    private final AtomicLong begun = new AtomicLong();

    /**
     * Counts a ceremony a begin benchmark began and will never finish; every {@link #BEGUN_AT_MOST}th drops
     * every pending ceremony: {@link #live}'s clock jumps a day ahead, and {@code live.purgeExpired()} deletes
     * them from the store and forgets the engine requests {@code live} kept for them. A begun ceremony in a real deployment is
     * finished or expires and is purged within minutes, so the store holds a bounded number; without this, a
     * begin benchmark would pile up every ceremony of the iteration (180 000 in three seconds) and measure the
     * garbage collector copying them. The purge's share is part of each begin's figure. (How much heap the
     * in-memory store needs for pending ceremonies, up to a million, is {@link MemoryFigures}'s.)
     */
    public void begun() {
        if (begun.incrementAndGet() % BEGUN_AT_MOST == 0) {
            liveClock.advance(Duration.ofDays(1));
            live.purgeExpired();
        }
    }

    /** Drops every pending ceremony left over by an iteration (begun and never finished). */
    @TearDown(Level.Iteration)
    public void dropPending() {
        liveClock.advance(Duration.ofDays(1));
        live.purgeExpired();
        Instant later = liveClock.instant().isAfter(Instant.now()) ? liveClock.instant() : Instant.now();
        opened.store().purgeExpired(later.plus(Duration.ofDays(1)));
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
        opened.close();
    }
}
