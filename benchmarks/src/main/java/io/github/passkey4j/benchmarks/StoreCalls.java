package io.github.passkey4j.benchmarks;

import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The JDBC store's calls that the ceremonies make, each beside the bare JDBC a hand-written data
 * layer would run for it on the same tables, rows and pool: so the store's own overhead (mapping,
 * its transaction and retry handling, its fused statements) is a ratio. The bare versions use plain
 * statements in one transaction, no mapping beyond reading the columns.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class StoreCalls {

    private static final String P = "passkey4j_";
    private static final int USERS = 64;

    /** A database with the store's schema and rows to read. */
    @State(Scope.Benchmark)
    public static class Db {
        /** {@code h2} or {@code postgres}. */
        @Param({"h2", "postgres"})
        public String db;

        Stores.Opened opened;
        PasskeyStore store;
        DataSource pool;
        boolean postgres;
        /** Per thread: users with one passkey; their credential ids; users with 10; pending ids. */
        String[][] users;
        Bytes[][] credentialIds;
        String[][] listUsers;
        String[][] pendingIds;
        final AtomicLong ids = new AtomicLong(900_000_000_000_000_000L);
        String requestJson;

        /** @param params the thread count */
        @Setup(Level.Trial)
        public void open(org.openjdk.jmh.infra.BenchmarkParams params) {
            open(params.getThreads());
        }

        void open(int threads) {
            opened = Stores.open(db, Math.max(4, threads + 2));
            store = opened.store();
            pool = opened.dataSource().orElseThrow();
            postgres = db.equals("postgres");
            requestJson = "{\"rp\":{\"name\":\"Example\",\"id\":\"example.com\"},\"challenge\":\"" + "A".repeat(43) + "\","
                    + "\"pubKeyCredParams\":[" + "{\"alg\":-7,\"type\":\"public-key\"},".repeat(6)
                    + "{\"alg\":-8,\"type\":\"public-key\"}],\"timeout\":60000,\"excludeCredentials\":[],"
                    + "\"user\":{\"name\":\"user@acme.test\",\"displayName\":\"User\",\"id\":\"MzAwMDAwMDAwMDAwMDAwMDAx\"},"
                    + "\"authenticatorSelection\":{\"requireResidentKey\":true,\"residentKey\":\"required\","
                    + "\"userVerification\":\"required\"},\"attestation\":\"none\",\"hints\":[],\"extensions\":{}}";
            users = new String[threads][USERS];
            credentialIds = new Bytes[threads][USERS];
            listUsers = new String[threads][4];
            pendingIds = new String[threads][USERS];
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < USERS; i++) {
                    users[t][i] = id();
                    credentialIds[t][i] = insertPasskey(users[t][i], now);
                    pendingIds[t][i] = id();
                    store.insertPending(pending(pendingIds[t][i], users[t][i], now.plusSeconds(3600)), added(users[t][i], now));
                }
                for (int i = 0; i < 4; i++) {
                    listUsers[t][i] = id();
                    for (int k = 0; k < 10; k++) {
                        insertPasskey(listUsers[t][i], now.plusMillis(k));
                    }
                }
            }
        }

        String id() {
            return Long.toString(ids.incrementAndGet());
        }

        PendingCeremony pending(String id, String user, Instant expires) {
            Instant now = expires.minusSeconds(3600);
            return new PendingCeremony(id, CeremonyKind.REGISTRATION, Optional.of(user), Optional.of(Env.ORG),
                    Authenticator.RP_ID, Bytes.of(Authenticator.CHALLENGE), requestJson, now, expires, Optional.empty());
        }

        static NewEvent added(String user, Instant now) {
            return new NewEvent(user, Env.ORG, EventType.PASSKEY_ADDED, user, now);
        }

        private Bytes insertPasskey(String user, Instant at) {
            String id = id();
            Bytes credentialId = Bytes.of(Authenticator.credentialId(7, ids.get()));
            StoredPasskey k = new StoredPasskey(id, user, Env.ORG, Authenticator.RP_ID, credentialId, Bytes.utf8(user),
                    Bytes.of(new byte[77]), 0, UUID.randomUUID(), List.of("hybrid", "internal"), true, true, true, "none",
                    false, "Laptop", PasskeyState.READY, false, at, at, Optional.empty());
            store.insertPasskey(k, new NewEvent(user, Env.ORG, EventType.PASSKEY_VERIFIED, id, at), Optional.empty(),
                    Optional.empty());
            return credentialId;
        }

        /** Drops what the insert benchmarks added. */
        @TearDown(Level.Iteration)
        public void purge() {
            store.purgeExpired(Instant.now().plusSeconds(7200));
        }

        /** Closes it. */
        @TearDown(Level.Trial)
        public void close() {
            opened.close();
        }
    }

    /** One thread's row picker. */
    @State(Scope.Thread)
    public static class Cursor {
        int thread;
        int next;

        /** @param params the thread */
        @Setup(Level.Trial)
        public void setUp(ThreadParams params) {
            thread = params.getThreadIndex();
        }

        int next() {
            int i = next;
            next = i + 1 == USERS ? 0 : i + 1;
            return i;
        }
    }

    // ------------------------------------------------------------------ findPending

    /** The store's {@code findPending}. */
    @Benchmark
    public Optional<PendingCeremony> findPendingStore(Db d, Cursor c) {
        return d.store.findPending(d.pendingIds[c.thread][c.next()]);
    }

    /** One primary-key SELECT of the same row, every column read. */
    @Benchmark
    public Object findPendingBare(Db d, Cursor c) throws SQLException {
        try (Connection connection = d.pool.getConnection();
                PreparedStatement s = connection.prepareStatement("SELECT id, kind, user_id, resource_owner, rp_id, "
                        + "challenge, request_json, created_at, expires_at, code_id FROM " + P + "pending_ceremony WHERE id = ?")) {
            s.setString(1, d.pendingIds[c.thread][c.next()]);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? readAll(r, 10) : null;
            }
        }
    }

    // ------------------------------------------------------------------ findPasskeyByCredentialId

    /** The store's {@code findPasskeyByCredentialId}. */
    @Benchmark
    public Optional<StoredPasskey> findPasskeyStore(Db d, Cursor c) {
        return d.store.findPasskeyByCredentialId(d.credentialIds[c.thread][c.next()]);
    }

    /** One SELECT by the unique credential id, every column read. */
    @Benchmark
    public Object findPasskeyBare(Db d, Cursor c) throws SQLException {
        try (Connection connection = d.pool.getConnection();
                PreparedStatement s = connection.prepareStatement("SELECT * FROM " + P + "passkey WHERE credential_id = ?")) {
            s.setBytes(1, d.credentialIds[c.thread][c.next()].toArray());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? readAll(r, r.getMetaData().getColumnCount()) : null;
            }
        }
    }

    // ------------------------------------------------------------------ listPasskeys (10)

    /** The store's {@code listPasskeys} for a user with 10. */
    @Benchmark
    public List<StoredPasskey> listPasskeysStore(Db d, Cursor c) {
        return d.store.listPasskeys(d.listUsers[c.thread][c.next() & 3]);
    }

    /** One SELECT of the user's ready passkeys, oldest first, every column read. */
    @Benchmark
    public Object listPasskeysBare(Db d, Cursor c) throws SQLException {
        try (Connection connection = d.pool.getConnection();
                PreparedStatement s = connection.prepareStatement("SELECT * FROM " + P + "passkey WHERE user_id = ? "
                        + "AND state = 'READY' ORDER BY created_at, id")) {
            s.setString(1, d.listUsers[c.thread][c.next() & 3]);
            List<Object> rows = new ArrayList<>(10);
            try (ResultSet r = s.executeQuery()) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    rows.add(readAll(r, columns));
                }
            }
            return rows;
        }
    }

    // ------------------------------------------------------------------ insertPending with its event

    /** The store's {@code insertPending} with the "added" event (a registration begin's write). */
    @Benchmark
    public Event insertPendingStore(Db d, Cursor c) {
        String user = d.users[c.thread][c.next()];
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return d.store.insertPending(d.pending(d.id(), user, now.plusSeconds(90)), Db.added(user, now));
    }

    /**
     * The same write by hand in one transaction: insert the ceremony, raise the user's sequence
     * (returning it), insert the event, commit.
     */
    @Benchmark
    public long insertPendingBare(Db d, Cursor c) throws SQLException {
        String user = d.users[c.thread][c.next()];
        String id = d.id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (Connection connection = d.pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + P + "pending_ceremony (id, kind, "
                        + "user_id, resource_owner, rp_id, challenge, request_json, created_at, expires_at, code_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
                    s.setString(1, id);
                    s.setString(2, "REGISTRATION");
                    s.setString(3, user);
                    s.setString(4, Env.ORG);
                    s.setString(5, Authenticator.RP_ID);
                    s.setBytes(6, Authenticator.CHALLENGE);
                    s.setString(7, d.requestJson);
                    s.setTimestamp(8, Timestamp.from(now));
                    s.setTimestamp(9, Timestamp.from(now.plusSeconds(90)));
                    s.executeUpdate();
                }
                long seq;
                try (PreparedStatement s = connection.prepareStatement(d.postgres
                        ? "UPDATE " + P + "user_sequence SET last_seq = last_seq + 1 WHERE user_id = ? RETURNING last_seq"
                        : "SELECT last_seq FROM FINAL TABLE (UPDATE " + P + "user_sequence SET last_seq = last_seq + 1 "
                                + "WHERE user_id = ?)")) {
                    s.setString(1, user);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        seq = r.getLong(1);
                    }
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + P + "event (user_id, seq, "
                        + "resource_owner, type, aggregate_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, user);
                    s.setLong(2, seq);
                    s.setString(3, Env.ORG);
                    s.setString(4, "PASSKEY_ADDED");
                    s.setString(5, id);
                    s.setTimestamp(6, Timestamp.from(now));
                    s.executeUpdate();
                }
                connection.commit();
                return seq;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static Object[] readAll(ResultSet r, int columns) throws SQLException {
        Object[] row = new Object[columns];
        for (int i = 0; i < columns; i++) {
            row[i] = r.getObject(i + 1);
        }
        return row;
    }
}
