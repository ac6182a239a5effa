package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.CodeUse;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import io.github.passkey4j.store.PendingAndPasskey;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.SignInUpdate;
import io.github.passkey4j.store.StoredPasskey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PasskeyStore} in a relational database, on plain JDBC: H2, PostgreSQL, MySQL and MariaDB.
 *
 * <pre>{@code
 * JdbcPasskeyStore store = JdbcPasskeyStore.builder(dataSource)   // any DataSource, pooled in production
 *         .purgeExpiredEvery(Duration.ofMinutes(5))             // optional: purge on a daemon thread
 *         .build();
 * store.createSchema();                                         // quick start; or run the schema resource yourself
 * }</pre>
 *
 * <p><b>Schema.</b> The tables are {@code <prefix>passkey}, {@code <prefix>pending_ceremony},
 * {@code <prefix>registration_code}, {@code <prefix>event} and {@code <prefix>user_sequence}, with the prefix
 * {@value #DEFAULT_TABLE_PREFIX} unless {@link Builder#tablePrefix(String)} says otherwise. {@link #createSchema()}
 * creates what is missing, for quick starts and tests; hosts that migrate with Flyway or Liquibase run the
 * versioned migrations instead ({@link Database#flywayLocation()}, {@link Database#LIQUIBASE_CHANGELOG}), with
 * the placeholder {@code table_prefix} set to the prefix.
 *
 * <p><b>Transactions.</b> Every call is one transaction on a connection of its own, taken from the data source
 * and given back before the call returns. A transaction the database aborts for a conflict (serialization
 * failure or deadlock) runs again, up to {@link Builder#maxRetries(int)} times. Several stores on one database
 * (the nodes of a cluster) behave as one: taking a pending ceremony is a single atomic statement (or a row lock)
 * and each user's event sequence is raised under a row lock.
 *
 * <p><b>Failures.</b> Every failure is a {@link PasskeyStoreException} and leaves the database as it was. A
 * database that cannot be reached, drops the connection or times out gives {@link Reason#UNAVAILABLE}; the
 * store needs nothing to recover but a database that answers again. One case cannot be told apart by any
 * client: when the connection drops while the database commits, the call reports {@code UNAVAILABLE} though
 * the change may have been made.
 *
 * <p>Thread-safe. {@link #close()} only stops the purge thread, if one was asked for; the data source is the
 * host's to close.
 */
public final class JdbcPasskeyStore implements PasskeyStore, AutoCloseable {

    /** The table prefix when none is given. */
    public static final String DEFAULT_TABLE_PREFIX = "passkey4j_";

    /** How many times a transaction aborted by a conflict runs again when no other number is given. */
    public static final int DEFAULT_MAX_RETRIES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPasskeyStore.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}|");
    private static final String PLACEHOLDER = "${table_prefix}";

    private final DataSource dataSource;
    private final String tablePrefix;
    private final Transactions transactions;
    private final ScheduledExecutorService purger;
    private volatile Dialect dialect;

    /**
     * A store with the default table prefix and retries, that detects the database on first use.
     *
     * @param dataSource where the tables are
     */
    public JdbcPasskeyStore(DataSource dataSource) {
        this(builder(dataSource));
    }

    private JdbcPasskeyStore(Builder b) {
        this.dataSource = b.dataSource;
        this.tablePrefix = b.tablePrefix;
        this.transactions = new Transactions(dataSource, this::dialect, b.maxRetries);
        if (b.database != null) {
            this.dialect = dialectFor(b.database, b.tablePrefix);
        }
        if (b.purgeEvery != null) {
            this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "passkey4j-purge");
                t.setDaemon(true);
                return t;
            });
            long millis = b.purgeEvery.toMillis();
            purger.scheduleWithFixedDelay(this::purgeNow, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            this.purger = null;
        }
    }

    /**
     * @param dataSource where the tables are, not null
     * @return a builder with the defaults: prefix {@value #DEFAULT_TABLE_PREFIX}, database detected,
     *     {@value #DEFAULT_MAX_RETRIES} retries, no purge thread
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the table prefix */
    public String tablePrefix() {
        return tablePrefix;
    }

    /**
     * @return the database, as configured or as detected (detecting it may need the database)
     * @throws PasskeyStoreException {@link Reason#UNAVAILABLE} when it has to be detected and the database
     *     cannot be reached
     */
    public Database database() {
        Dialect known = dialect;
        return known != null ? known.database : transactions.read("database", (c, d) -> d.database);
    }

    // ================================================================== schema

    /**
     * Creates the tables, columns and indexes that do not exist yet by running the versioned migrations
     * ({@link Database#schemaResources()}) in order with this store's table prefix, in one transaction. Meant for
     * quick starts and tests; production hosts run the same migrations with Flyway or Liquibase
     * ({@link Database#flywayLocation()}, {@link Database#LIQUIBASE_CHANGELOG}), which also record the version.
     * Run it from one node at a time.
     *
     * @throws PasskeyStoreException when the database refuses
     */
    public void createSchema() {
        transactions.write("createSchema", null, (c, d) -> {
            for (String resource : d.database.schemaResources()) {
                run(c, Scripts.load(resource).replace(PLACEHOLDER, d.prefix));
            }
            return null;
        });
    }

    /**
     * Drops the tables, and every passkey, ceremony, code and event in them.
     *
     * @throws PasskeyStoreException when the database refuses
     */
    public void dropSchema() {
        runScript("dropSchema", dialect -> dialect.database.dropResource());
    }

    private interface ScriptChoice {
        String resource(Dialect dialect);
    }

    private void runScript(String call, ScriptChoice choice) {
        transactions.write(call, null, (c, d) -> {
            run(c, Scripts.load(choice.resource(d)).replace(PLACEHOLDER, d.prefix));
            return null;
        });
    }

    private static void run(java.sql.Connection c, String script) throws java.sql.SQLException {
        for (String statement : Scripts.split(script)) {
            try (var ps = c.prepareStatement(statement)) {
                ps.execute();
            }
        }
    }

    // ================================================================== passkeys

    @Override
    public Optional<StoredPasskey> findPasskey(String passkeyId) {
        Objects.requireNonNull(passkeyId, "passkeyId");
        return transactions.read("findPasskey",
                (c, d) -> d.queryOne(c, d.findPasskey, p -> p.text(passkeyId), Rows::passkey));
    }

    @Override
    public Optional<StoredPasskey> findPasskeyByCredentialId(Bytes credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return transactions.read("findPasskeyByCredentialId",
                (c, d) -> d.queryOne(c, d.findPasskeyByCredentialId, p -> p.bytes(credentialId), Rows::passkey));
    }

    @Override
    public List<StoredPasskey> listPasskeys(String userId) {
        Objects.requireNonNull(userId, "userId");
        return transactions.read("listPasskeys",
                (c, d) -> d.queryList(c, d.listPasskeys, p -> p.text(userId), Rows::passkey));
    }

    @Override
    public Event insertPasskey(StoredPasskey passkey, NewEvent event, Optional<String> ceremonyId,
            Optional<CodeUse> code) {
        Objects.requireNonNull(passkey, "passkey");
        requireSameUser(passkey.userId(), event);
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(code, "code");
        code.ifPresent(use -> requireSameUser(passkey.userId(), use.event()));
        List<Event> appended = transactions.apply("insertPasskey", JdbcPasskeyStore::passkeyDuplicate, d -> {
            List<Write.Step> steps = new ArrayList<>(3);
            List<NewEvent> events = new ArrayList<>(2);
            ceremonyId.ifPresent(id -> steps.add(takeStep(d, id, CeremonyKind.REGISTRATION, event.time())));
            code.ifPresent(use -> {
                steps.add(new Write.Step(d.useCode,
                        p -> p.text(use.codeId()).text(passkey.userId()).instant(event.time()), Reason.CODE_NOT_USABLE));
                events.add(use.event());
            });
            steps.add(new Write.Step(d.insertPasskey, p -> Rows.bind(p, passkey), Reason.FAILURE));
            events.add(event);
            return new Write(steps, passkey.userId(), events);
        });
        return appended.get(appended.size() - 1);
    }

    /** Takes (deletes) a pending ceremony of the kind that has not expired at {@code at}: CEREMONY_GONE if none. */
    private static Write.Step takeStep(Dialect d, String ceremonyId, CeremonyKind kind, Instant at) {
        return new Write.Step(d.takePending, p -> p.text(ceremonyId).text(kind.name()).instant(at),
                Reason.CEREMONY_GONE);
    }

    private static PasskeyStoreException passkeyDuplicate(SQLException e, Dialect d) {
        if (d.violates(e, d.credentialKey)) {
            return new PasskeyStoreException(Reason.DUPLICATE_CREDENTIAL, "the credential id is registered already", e);
        }
        return new PasskeyStoreException(Reason.DUPLICATE_ID, "the passkey id is taken", e);
    }

    @Override
    public Optional<Event> renamePasskey(String userId, String passkeyId, String name, NewEvent event) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passkeyId, "passkeyId");
        requireSameUser(userId, event);
        return writeOne("renamePasskey", event, d -> new Write.Step(d.renamePasskey,
                p -> p.text(name).instant(event.time()).text(passkeyId).text(userId), null));
    }

    @Override
    public Optional<Event> removePasskey(String userId, String passkeyId, NewEvent event) {
        Objects.requireNonNull(passkeyId, "passkeyId");
        requireSameUser(userId, event);
        return writeOne("removePasskey", event, d -> new Write.Step(d.removePasskey,
                p -> p.instant(event.time()).text(passkeyId).text(userId), null));
    }

    @Override
    public Optional<Event> recordSignIn(SignInUpdate update, NewEvent event, Optional<String> ceremonyId) {
        Objects.requireNonNull(update, "update");
        requireSameUser(update.userId(), event);
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        return conditional(() -> transactions.apply("recordSignIn", null, d -> {
            List<Write.Step> steps = new ArrayList<>(2);
            ceremonyId.ifPresent(id -> steps.add(takeStep(d, id, CeremonyKind.AUTHENTICATION, event.time())));
            steps.add(new Write.Step(d.recordSignIn,
                    p -> p.int64(update.newSignCount()).bool(update.backupEligible()).bool(update.backedUp()).bool(update.flagPossiblyCloned())
                            .instant(update.time()).instant(update.time()).text(update.passkeyId())
                            .text(update.userId()).int64(update.expectedSignCount()), null));
            return new Write(steps, update.userId(), List.of(event));
        }).get(0));
    }

    /** A write of one conditional step and its event: the event, or empty when the step changed no row. */
    private Optional<Event> writeOne(String call, NewEvent event, StepOf step) {
        return conditional(() -> transactions.apply(call, null,
                d -> new Write(List.of(step.of(d)), event.userId(), List.of(event))).get(0));
    }

    private interface StepOf {
        Write.Step of(Dialect dialect);
    }

    /** @return the write's result, or empty when a step without a refusal reason changed no row */
    private static <T> Optional<T> conditional(Supplier<T> write) {
        try {
            return Optional.of(write.get());
        } catch (Write.NotApplied e) {
            return Optional.empty();
        }
    }

    // ================================================================== pending ceremonies

    @Override
    public Event insertPending(PendingCeremony ceremony, NewEvent event) {
        Objects.requireNonNull(ceremony, "ceremony");
        requireSameUser(ceremony.userId().orElse(null), event);
        return transactions.apply("insertPending", JdbcPasskeyStore::idDuplicate,
                d -> new Write(List.of(new Write.Step(d.insertPending, p -> Rows.bind(p, ceremony), Reason.FAILURE)),
                        event.userId(), List.of(event))).get(0);
    }

    @Override
    public void insertPending(PendingCeremony ceremony) {
        Objects.requireNonNull(ceremony, "ceremony");
        transactions.statement("insertPending", JdbcPasskeyStore::idDuplicate,
                (c, d) -> d.update(c, d.insertPending, p -> Rows.bind(p, ceremony)));
    }

    @Override
    public Optional<PendingCeremony> findPending(String id) {
        Objects.requireNonNull(id, "id");
        return transactions.read("findPending", (c, d) -> d.queryOne(c, d.findPending, p -> p.text(id), Rows::pending));
    }

    /** One statement: the ceremony and the passkey are read in one round trip, from one snapshot. */
    @Override
    public PendingAndPasskey findPendingAndPasskey(String ceremonyId, Bytes credentialId) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(credentialId, "credentialId");
        return transactions.read("findPendingAndPasskey", (c, d) -> d.queryOne(c, d.findPendingAndPasskey,
                p -> p.text(ceremonyId).bytes(credentialId), Rows::pendingAndPasskey)
                .orElseThrow(() -> new SQLException("the read answered no row")));
    }

    @Override
    public Optional<PendingCeremony> findNewestPending(String userId, CeremonyKind kind, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        return transactions.read("findNewestPending", (c, d) -> d.queryOne(c, d.findNewestPending,
                p -> p.text(userId).text(kind.name()).instant(now), Rows::pending));
    }

    @Override
    public int expireOldestPending(String userId, CeremonyKind kind, int keep, Instant now) {
        requireExpiry(userId, kind, keep, now);
        return transactions.statement("expireOldestPending", null, (c, d) -> d.update(c, d.expireOldestPending,
                p -> Dialect.bindExpiry(p, userId, kind.name(), keep, now)));
    }

    private static void requireExpiry(String userId, CeremonyKind kind, int keep, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive: " + keep);
        }
    }

    /**
     * One write: on PostgreSQL one statement (the expiry a common table expression of the insert), elsewhere the
     * insert, the expiry, the sequence and the event in one transaction.
     */
    @Override
    public Event insertPending(PendingCeremony ceremony, NewEvent event, int keepOpen) {
        Objects.requireNonNull(ceremony, "ceremony");
        requireSameUser(ceremony.userId().orElse(null), event);
        String userId = ceremony.userId().orElseThrow();
        requireExpiry(userId, ceremony.kind(), keepOpen, ceremony.createdAt());
        return transactions.apply("insertPending", JdbcPasskeyStore::idDuplicate, d -> new Write(
                List.of(new Write.Step(d.insertPending, p -> Rows.bind(p, ceremony), Reason.FAILURE)),
                event.userId(), List.of(event), expiry(d, ceremony, keepOpen))).get(0);
    }

    /** The expiry beyond the cap; a fusing dialect's does not see the row its write inserts, so it keeps one fewer. */
    private static Write.Step expiry(Dialect d, PendingCeremony ceremony, int keepOpen) {
        int keep = d.fusesExpiry() ? keepOpen - 1 : keepOpen;
        return new Write.Step(d.expireOldestPending, p -> Dialect.bindExpiry(p, ceremony.userId().orElseThrow(),
                ceremony.kind().name(), keep, ceremony.createdAt()), null);
    }

    /** On PostgreSQL one statement (the expiry a common table expression of the insert); elsewhere a transaction of two. */
    @Override
    public void insertPending(PendingCeremony ceremony, int keepOpen) {
        Objects.requireNonNull(ceremony, "ceremony");
        if (ceremony.userId().isEmpty()) {
            insertPending(ceremony);
            return;
        }
        requireExpiry(ceremony.userId().get(), ceremony.kind(), keepOpen, ceremony.createdAt());
        transactions.write("insertPending", JdbcPasskeyStore::idDuplicate, Dialect::fusesExpiry, (c, d) -> {
            Write.Step expiry = expiry(d, ceremony, keepOpen);
            if (d instanceof PostgresDialect pg) {
                return d.update(c, pg.insertPendingExpiring, p -> {
                    expiry.binder().bind(p);
                    Rows.bind(p, ceremony);
                });
            }
            d.update(c, d.insertPending, p -> Rows.bind(p, ceremony));
            return d.update(c, expiry.sql(), expiry.binder());
        });
    }

    // ================================================================== registration codes

    @Override
    public Event insertCode(RegistrationCode code, NewEvent event) {
        Objects.requireNonNull(code, "code");
        requireSameUser(code.userId(), event);
        return transactions.apply("insertCode", JdbcPasskeyStore::idDuplicate,
                d -> new Write(List.of(new Write.Step(d.insertCode, p -> Rows.bind(p, code), Reason.FAILURE)),
                        code.userId(), List.of(event))).get(0);
    }

    @Override
    public Optional<RegistrationCode> findCode(String codeId) {
        Objects.requireNonNull(codeId, "codeId");
        return transactions.read("findCode", (c, d) -> d.queryOne(c, d.findCode, p -> p.text(codeId), Rows::code));
    }

    @Override
    public Optional<RegistrationCode> recordFailedCodeAttempt(String codeId, int maxAttempts, NewEvent failed,
            NewEvent burnt) {
        Objects.requireNonNull(codeId, "codeId");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive");
        }
        Objects.requireNonNull(failed, "failed");
        requireSameUser(failed.userId(), burnt);
        return transactions.write("recordFailedCodeAttempt", null, (c, d) -> {
            Optional<RegistrationCode> locked = d.queryOne(c, d.lockCode, p -> p.text(codeId), Rows::code);
            if (locked.isEmpty() || locked.get().state() != CodeState.ACTIVE) {
                return Optional.empty();
            }
            RegistrationCode now = locked.get();
            requireSameUser(now.userId(), failed);
            int attempts = now.failedAttempts() + 1;
            CodeState state = attempts >= maxAttempts ? CodeState.BURNT : CodeState.ACTIVE;
            Write write = new Write(List.of(new Write.Step(d.updateCodeAttempts,
                    p -> p.int32(attempts).text(state.name()).text(codeId), Reason.FAILURE)),
                    now.userId(), state == CodeState.BURNT ? List.of(failed, burnt) : List.of(failed));
            d.apply(c, write);
            return Optional.of(new RegistrationCode(now.id(), now.userId(), now.resourceOwner(), now.codeHash(),
                    now.createdAt(), now.expiresAt(), attempts, state));
        });
    }

    // ================================================================== history and housekeeping

    @Override
    public List<Event> listEvents(String userId) {
        Objects.requireNonNull(userId, "userId");
        return transactions.read("listEvents", (c, d) -> d.queryList(c, d.listEvents, p -> p.text(userId), Rows::event));
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.write("purgeExpired", null, (c, d) -> d.update(c, d.purgePending, p -> p.instant(now))
                + d.update(c, d.purgeCodes, p -> p.instant(now)));
    }

    private void purgeNow() {
        try {
            int purged = purgeExpired(Instant.now());
            LOG.debug("purged {} expired ceremonies and codes", purged);
        } catch (RuntimeException e) {
            LOG.warn("purging expired ceremonies and codes failed; the next run tries again: {}", e.getMessage());
        }
    }

    /** Stops the purge thread, if the builder asked for one. Does not close the data source. */
    @Override
    public void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
    }

    // ================================================================== helpers

    private static PasskeyStoreException idDuplicate(SQLException e, Dialect d) {
        return new PasskeyStoreException(Reason.DUPLICATE_ID, "the id is taken", e);
    }

    private static void requireSameUser(String userId, NewEvent event) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(event, "event");
        if (!userId.equals(event.userId())) {
            throw new IllegalArgumentException("the event belongs to another user");
        }
    }

    private Dialect dialect() throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            synchronized (this) {
                d = dialect;
                if (d == null) {
                    d = dialectFor(detect(), tablePrefix);
                    dialect = d;
                }
            }
        }
        return d;
    }

    private Database detect() throws SQLException {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        Database detected = Database.fromProductName(product).orElseThrow(() -> new PasskeyStoreException(
                Reason.FAILURE, "unsupported database '" + product + "'; supported: H2, PostgreSQL, MySQL, MariaDB"));
        LOG.debug("detected database {} ({})", detected, product);
        return detected;
    }

    private static Dialect dialectFor(Database database, String prefix) {
        switch (database) {
            case H2:
                return new H2Dialect(prefix);
            case POSTGRESQL:
                return new PostgresDialect(prefix);
            case MYSQL:
                return new MySqlDialect(prefix);
            default:
                throw new IllegalArgumentException("unknown database " + database);
        }
    }

    /** Configures a {@link JdbcPasskeyStore}; every setter checks its value at once. */
    public static final class Builder {

        private final DataSource dataSource;
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private Database database;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration purgeEvery;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param tablePrefix put before every table and index name: empty, or a letter or {@code _} followed by
         *     up to 29 letters, digits or {@code _} (unquoted, so the database folds its case as usual)
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix");
            if (!PREFIX.matcher(tablePrefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must be empty or match [A-Za-z_][A-Za-z0-9_]{0,29}");
            }
            this.tablePrefix = tablePrefix;
            return this;
        }

        /**
         * @param database the database, instead of detecting it from the driver on first use
         * @return this builder
         */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * @param maxRetries how many times a transaction the database aborted for a conflict (SQLSTATE 40001,
         *     40P01, a deadlock) runs again before the call gives up with {@link Reason#UNAVAILABLE}; 0 to 100
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 100) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 100");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Purges expired ceremonies and codes on a daemon thread of the store, first after one interval, until
         * {@link JdbcPasskeyStore#close()}. Hosts with a scheduler of their own call
         * {@link JdbcPasskeyStore#purgeExpired(Instant)} from it instead.
         *
         * @param interval the pause between two purges, at least one second
         * @return this builder
         */
        public Builder purgeExpiredEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("interval must be at least one second");
            }
            this.purgeEvery = interval;
            return this;
        }

        /** @return the store */
        public JdbcPasskeyStore build() {
            return new JdbcPasskeyStore(this);
        }
    }
}
