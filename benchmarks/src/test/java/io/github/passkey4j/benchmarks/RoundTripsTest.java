package io.github.passkey4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database round trips of each ceremony step on the JDBC store, counted through a
 * {@link CountingDataSource} between the store and the pool, on H2 (embedded, file mode), on a real
 * PostgreSQL server and on the MariaDB server of passkey-store-jdbc's tests. These are the figures the benchmarks README quotes.
 */
class RoundTripsTest {

    private Env env;
    /** The store whose tables go after the test (the MariaDB server is shared and kept). */
    private JdbcPasskeyStore dropAfter;

    @AfterEach
    void close() {
        if (dropAfter != null) {
            dropAfter.dropSchema();
        }
        if (env != null) {
            env.close();
        }
    }

    private static String setting(String variable, String property, String otherwise) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? otherwise : value;
    }

    /**
     * The MariaDB server passkey-store-jdbc's tests use ({@code .ci/mariadb.sh}; the same variables and properties
     * say where), behind a pool of 4.
     */
    private static Databases.Database mariaDb() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mariadb");
        config.setJdbcUrl(setting("PASSKEY4J_MARIADB_URL", "passkey4j.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/passkey4j"));
        config.setUsername(setting("PASSKEY4J_MARIADB_USER", "passkey4j.mariadb.user", "passkey4j"));
        config.setPassword(setting("PASSKEY4J_MARIADB_PASSWORD", "passkey4j.mariadb.password", "passkey4j"));
        config.setMaximumPoolSize(4);
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        return new Databases.Database() {
            @Override
            public String kind() {
                return "mariadb";
            }

            @Override
            public HikariDataSource pool() {
                return pool;
            }

            @Override
            public DataSource unpooled() {
                return pool;
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    /** One step's counts. */
    record Counted(long roundTrips, long statements, long commits, long switches, long connections, String calls) {
    }

    private static Counted count(CountingDataSource counting, Runnable step) {
        counting.reset();
        step.run();
        return new Counted(counting.roundTrips(), counting.statements(), counting.commits(),
                counting.autoCommitSwitches(), counting.connections(), String.join("\n  ", counting.calls()));
    }

    private static <T> T keep(Supplier<T> s, Object[] box) {
        T v = s.get();
        box[0] = v;
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mariadb"})
    void whenEachCeremonyStepRunsThenItsRoundTripsAreCounted(String kind) {
        boolean maria = kind.equals("mariadb");
        Databases.Database database = maria ? mariaDb() : Databases.start(kind, 4);
        CountingDataSource counting = new CountingDataSource(database.pool());
        // tables of their own on the shared MariaDB server, dropped after the test
        String prefix = maria ? "rt" + Long.toHexString(new SecureRandom().nextLong() >>> 24) + "_"
                : JdbcPasskeyStore.DEFAULT_TABLE_PREFIX;
        env = new Env();
        env.store = kind;
        env.opened = JdbcStores.open(database, counting, prefix);
        if (maria) {
            dropAfter = (JdbcPasskeyStore) env.opened.store();
        }
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
                + "%d auto-commit switches, %d connections%n  %s%n", step, kind, c.roundTrips(), c.statements(), c.commits(),
                c.switches(), c.connections(), c.calls()));

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
        // sign-in finish: the ceremony and the passkey read in one query (issue 18; were two), then the write that
        // takes the ceremony, updates the counter, backup state and last use and appends the event (one statement on
        // PostgreSQL), then the user's passkeys read for the Signal API's allAcceptedCredentials (issue 16), counted
        // apart from the ceremony's own round trips below
        expected.put("sign-in finish", pg ? new long[] {3, 0} : new long[] {6, 1});
        expected.put("list 10 passkeys", new long[] {1, 0});
        // MariaDB (the MySQL dialect) runs the same stepwise writes as H2; its driver also sends a SET autocommit when
        // a transaction begins and one when it ends: two round trips more per transaction, counted apart
        expected.forEach((step, e) -> {
            assertThat(counted.get(step).statements()).as(step + " statements").isEqualTo(e[0]);
            assertThat(counted.get(step).commits()).as(step + " commits").isEqualTo(e[1]);
            assertThat(counted.get(step).roundTrips()).as(step + " round trips").isEqualTo(e[0] + e[1]);
            assertThat(counted.get(step).switches()).as(step + " auto-commit switches").isEqualTo(2 * e[1]);
        });

        // the Signal API's part of sign-in finish: exactly one query, the user's passkeys, the last call of the step
        Counted signIn = counted.get("sign-in finish");
        assertThat(signIn.calls()).as("sign-in finish calls").endsWith(
                "FROM " + prefix + "passkey WHERE user_id = ? AND state = 'READY' ORDER BY created_at, id");
        assertThat(java.util.Arrays.stream(signIn.calls().split("\n  ")).filter(c -> c.startsWith("execute")).findFirst())
                .as("the first statement of sign-in finish").get().asString()
                .contains("LEFT JOIN " + prefix + "pending_ceremony AS c ON c.id = ?");

        // the targets: begin at most 2 round trips, registration finish at most 2, the core of sign-in finish
        // (without the Signal API's list) at most 2 (issue 18; was 3), a list one query. Met on PostgreSQL (asserted); on
        // H2 the writes are stepwise (printed; the README says why).
        Map<String, Long> targets = new LinkedHashMap<>();
        targets.put("registration begin (user with 1 passkey)", 2L);
        targets.put("sign-in begin (username-first)", 2L);
        targets.put("registration finish", 2L);
        targets.put("sign-in finish", 2L + 1L);   // + 1: the Signal API's list of the user's passkeys
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
