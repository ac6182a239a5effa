package io.github.passkey4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database round trips of each ceremony step on the JDBC store, counted through a
 * {@link CountingDataSource} between the store and the pool, on H2 (embedded, file mode) and on a
 * real PostgreSQL server. These are the figures the benchmarks README quotes.
 */
class RoundTripsTest {

    private Env env;

    @AfterEach
    void close() {
        if (env != null) {
            env.close();
        }
    }

    /** One step's counts. */
    record Counted(long roundTrips, long statements, long commits, long connections, String calls) {
    }

    private static Counted count(CountingDataSource counting, Runnable step) {
        counting.reset();
        step.run();
        return new Counted(counting.roundTrips(), counting.statements(), counting.commits(), counting.connections(),
                String.join("\n  ", counting.calls()));
    }

    private static <T> T keep(Supplier<T> s, Object[] box) {
        T v = s.get();
        box[0] = v;
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void whenEachCeremonyStepRunsThenItsRoundTripsAreCounted(String kind) {
        Databases.Database database = Databases.start(kind, 4);
        CountingDataSource counting = new CountingDataSource(database.pool());
        env = new Env();
        env.store = kind;
        env.opened = JdbcStores.open(database, counting);
        env.open(1);

        PasskeyUser user = env.signInUsers[0][0];
        PasskeyUser fresh = env.newUser();
        Object[] box = new Object[1];
        Map<String, Counted> counted = new LinkedHashMap<>();
        counted.put("registration begin (user with 1 passkey)", count(counting, () -> keep(() -> env.fixed.addPasskey(user), box)));
        AddPasskeyResponse added = (AddPasskeyResponse) box[0];
        String answer = env.authenticator.registration(env.newCredentialId(), false);
        counted.put("registration finish", count(counting,
                () -> env.fixed.verifyPasskey(user.id(), added.passkeyId(), answer, "Laptop")));
        counted.put("registration begin (new user)", count(counting, () -> keep(() -> env.fixed.addPasskey(fresh), box)));
        counted.put("sign-in begin (username-first)", count(counting,
                () -> keep(() -> env.fixed.beginSignIn(SignInOptions.forUser(user.id())), box)));
        SignInChallenge challenge = (SignInChallenge) box[0];
        String assertion = env.assertions[0][0];
        counted.put("sign-in finish", count(counting, () -> env.fixed.finishSignIn(challenge.ceremonyId(), assertion)));
        counted.put("list 10 passkeys", count(counting, () -> assertThat(env.live.listPasskeys(env.listUsers[0][0].id())).hasSize(10)));

        counted.forEach((step, c) -> System.out.printf("%s on %s: %d round trips (%d statements, %d commits), "
                + "%d connections%n  %s%n", step, kind, c.roundTrips(), c.statements(), c.commits(), c.connections(), c.calls()));

        // Each step: {statements, commits}. PostgreSQL runs every write as one all-or-nothing statement
        // (data-modifying CTEs) in auto-commit mode, its own transaction: no COMMIT round trip; a begin's insert
        // carries the expiry of the user's oldest open ceremonies beyond the cap (issue 13) as one more CTE. H2 cannot chain
        // writes in one statement and runs a write's steps, the sequence raise and the event batch one after
        // another in one transaction (in-process, no network), then commits, and expires the user's oldest open
        // ceremonies beyond the cap in one more statement (issue 13). A usernameless sign-in's pending ceremony is one
        // INSERT everywhere, in auto-commit mode; a username-first one is one statement on PostgreSQL, two and a
        // commit on H2.
        boolean pg = kind.equals("postgres");
        Map<String, long[]> expected = new LinkedHashMap<>();
        expected.put("registration begin (user with 1 passkey)", pg ? new long[] {2, 0} : new long[] {5, 1});
        expected.put("registration finish", pg ? new long[] {2, 0} : new long[] {5, 1});
        expected.put("registration begin (new user)", pg ? new long[] {2, 0} : new long[] {5, 1});
        expected.put("sign-in begin (username-first)", pg ? new long[] {2, 0} : new long[] {3, 1});
        // sign-in finish: one more query than before issue 16, the user's passkeys read for the Signal API's
        // allAcceptedCredentials (counted apart from the ceremony's own round trips, as issue 18 asks)
        expected.put("sign-in finish", pg ? new long[] {4, 0} : new long[] {7, 1});
        expected.put("list 10 passkeys", new long[] {1, 0});
        expected.forEach((step, e) -> {
            assertThat(counted.get(step).statements()).as(step + " statements").isEqualTo(e[0]);
            assertThat(counted.get(step).commits()).as(step + " commits").isEqualTo(e[1]);
            assertThat(counted.get(step).roundTrips()).as(step + " round trips").isEqualTo(e[0] + e[1]);
        });

        // the targets: begin at most 2 round trips, finish at most 3, a list one query. Met on PostgreSQL
        // (asserted); on H2 the writes are stepwise (printed; the README says why).
        Map<String, Long> targets = new LinkedHashMap<>();
        targets.put("registration begin (user with 1 passkey)", 2L);
        targets.put("sign-in begin (username-first)", 2L);
        targets.put("registration finish", 3L);
        targets.put("sign-in finish", 3L + 1L);   // + 1: the Signal API's list of the user's passkeys
        targets.put("list 10 passkeys", 1L);
        targets.forEach((step, max) -> {
            long trips = counted.get(step).roundTrips();
            System.out.printf("target %s on %s: at most %d round trips, counted %d: %s%n", step, kind, max, trips,
                    trips <= max ? "met" : "MISSED");
            if (pg || step.startsWith("list")) {
                assertThat(trips).as("round trips of " + step + " on " + kind).isLessThanOrEqualTo(max);
            }
        });
    }
}
