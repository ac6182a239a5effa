package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of the store and how it runs on one database. This base class holds everything the databases
 * share; each subclass overrides only what its database does differently.
 *
 * <p>Table and index names are {@code <prefix><name>}; the prefix was checked to be a plain identifier,
 * so it is the only text that is ever put into SQL. Values always travel as parameters.
 */
abstract class Dialect {

    static final String PASSKEY_COLUMNS = """
            id, user_id, resource_owner, rp_id, credential_id, user_handle, public_key_cose, sign_count, aaguid, \
            transports, backup_eligible, backed_up, user_verified, attestation_format, attestation_trusted, name, \
            state, possibly_cloned, created_at, changed_at, last_used_at, resident_key, prf_enabled, \
            authenticator_display_name, prf_salt""";

    static final String PENDING_COLUMNS = """
            id, kind, user_id, resource_owner, rp_id, challenge, request_json, created_at, expires_at, code_id, origin""";

    static final String CODE_COLUMNS = """
            id, user_id, resource_owner, code_hash, created_at, expires_at, failed_attempts, state""";

    static final String EVENT_COLUMNS = "user_id, seq, resource_owner, type, aggregate_id, occurred_at";

    /** What {@link #findPendingAndPasskey} puts before the pending ceremony's column names. */
    static final String PENDING_ALIAS = "c_";
    /** What {@link #findPendingAndPasskey} puts before the passkey's column names. */
    static final String PASSKEY_ALIAS = "k_";

    final Database database;
    final String prefix;
    /** The unique index on the credential id: its violation means DUPLICATE_CREDENTIAL. */
    final String credentialKey;

    // ------------------------------------------------------------------ passkeys
    final String findPasskey;
    final String findPasskeyByCredentialId;
    final String listPasskeys;
    final String insertPasskey;
    final String renamePasskey;
    final String removePasskey;
    final String recordSignIn;

    // ------------------------------------------------------------------ pending ceremonies
    final String insertPending;
    final String findPending;
    final String findNewestPending;
    /**
     * {@link #findPending} and {@link #findPasskeyByCredentialId} in one statement (one round trip): always one
     * row, each table's columns aliased apart and null when it has no row. Parameters: ceremony id, credential
     * id. Each join is on a unique key (the ceremony's primary key, the credential id's unique index).
     */
    final String findPendingAndPasskey;
    /**
     * Makes a user's open ceremonies of a kind expire beyond the newest {@code OFFSET} (on the index user_id, kind,
     * created_at); ceremonies begun after {@code now} (a node whose clock is ahead) are left for a later call.
     * Parameters: now (new expiry), now, now, user, kind, now, limit, offset. The derived table lets MySQL and
     * MariaDB update the table they select from.
     */
    final String expireOldestPending;
    /** Deletes a ceremony that can be taken: a step of the write that consumes it. */
    final String takePending;
    final String purgePending;

    // ------------------------------------------------------------------ registration codes
    final String insertCode;
    final String findCode;
    final String lockCode;
    final String useCode;
    final String updateCodeAttempts;
    final String purgeCodes;

    // ------------------------------------------------------------------ events
    final String listEvents;
    final String insertEvent;

    Dialect(Database database, String prefix) {
        this.database = database;
        this.prefix = prefix;
        this.credentialKey = prefix + "passkey_credential_uk";

        findPasskey = sql("SELECT {passkey_columns} FROM {p}passkey WHERE id = ?");
        findPasskeyByCredentialId = sql("SELECT {passkey_columns} FROM {p}passkey WHERE credential_id = ?");
        listPasskeys = sql("""
                SELECT {passkey_columns} FROM {p}passkey
                WHERE user_id = ? AND state = 'READY'
                ORDER BY created_at, id""");
        insertPasskey = sql("""
                INSERT INTO {p}passkey ({passkey_columns})
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?""");
        renamePasskey = sql("""
                UPDATE {p}passkey SET name = ?, changed_at = ?
                WHERE id = ? AND user_id = ? AND state = 'READY'""");
        removePasskey = sql("""
                UPDATE {p}passkey SET state = 'REMOVED', changed_at = ?
                WHERE id = ? AND user_id = ? AND state = 'READY'""");
        recordSignIn = sql("""
                UPDATE {p}passkey
                SET sign_count = ?, backup_eligible = ?, backed_up = ?, possibly_cloned = (possibly_cloned OR ?), changed_at = ?,
                    last_used_at = ?
                WHERE id = ? AND user_id = ? AND state = 'READY' AND sign_count = ?""");

        insertPending = sql("""
                INSERT INTO {p}pending_ceremony ({pending_columns})
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?""");
        findPending = sql("SELECT {pending_columns} FROM {p}pending_ceremony WHERE id = ?");
        findPendingAndPasskey = sql("SELECT " + aliased(PENDING_COLUMNS, "c", PENDING_ALIAS) + ",\n"
                + aliased(PASSKEY_COLUMNS, "k", PASSKEY_ALIAS) + """

                FROM (SELECT 1 AS one) AS o
                LEFT JOIN {p}pending_ceremony AS c ON c.id = ?
                LEFT JOIN {p}passkey AS k ON k.credential_id = ?""");
        findNewestPending = sql("""
                SELECT {pending_columns} FROM {p}pending_ceremony
                WHERE user_id = ? AND kind = ? AND expires_at > ?
                ORDER BY created_at DESC, id DESC
                LIMIT 1""");
        expireOldestPending = sql("""
                UPDATE {p}pending_ceremony SET expires_at = ?
                WHERE expires_at > ? AND created_at <= ? AND id IN (
                    SELECT id FROM (
                        SELECT id FROM {p}pending_ceremony
                        WHERE user_id = ? AND kind = ? AND expires_at > ?
                        ORDER BY created_at DESC, id DESC
                        LIMIT ? OFFSET ?) beyond)""");
        takePending = sql("""
                DELETE FROM {p}pending_ceremony
                WHERE id = ? AND kind = ? AND expires_at > ?""");
        purgePending = sql("DELETE FROM {p}pending_ceremony WHERE expires_at <= ?");

        insertCode = sql("""
                INSERT INTO {p}registration_code ({code_columns})
                SELECT ?, ?, ?, ?, ?, ?, ?, ?""");
        findCode = sql("SELECT {code_columns} FROM {p}registration_code WHERE id = ?");
        lockCode = sql("SELECT {code_columns} FROM {p}registration_code WHERE id = ? FOR UPDATE");
        useCode = sql("""
                UPDATE {p}registration_code SET state = 'USED'
                WHERE id = ? AND user_id = ? AND state = 'ACTIVE' AND expires_at > ?""");
        updateCodeAttempts = sql("""
                UPDATE {p}registration_code SET failed_attempts = ?, state = ?
                WHERE id = ? AND state = 'ACTIVE'""");
        purgeCodes = sql("DELETE FROM {p}registration_code WHERE expires_at <= ?");

        listEvents = sql("SELECT {event_columns} FROM {p}event WHERE user_id = ? ORDER BY seq");
        insertEvent = sql("INSERT INTO {p}event ({event_columns}) VALUES (?, ?, ?, ?, ?, ?)");
    }

    /**
     * @param template SQL with {@code {p}} for the table prefix and {@code {x_columns}} for column lists
     * @return the SQL for this store
     */
    final String sql(String template) {
        return template.replace("{passkey_columns}", PASSKEY_COLUMNS)
                .replace("{pending_columns}", PENDING_COLUMNS)
                .replace("{code_columns}", CODE_COLUMNS)
                .replace("{event_columns}", EVENT_COLUMNS)
                .replace("{p}", prefix);
    }

    /**
     * @param columns a column list, {@code a, b, ...}
     * @param table the table's alias in the query
     * @param columnPrefix put before each column's name
     * @return {@code t.a AS <prefix>a, t.b AS <prefix>b, ...}
     */
    static String aliased(String columns, String table, String columnPrefix) {
        StringBuilder list = new StringBuilder();
        for (String column : columns.split(",")) {
            String name = column.strip();
            list.append(list.length() == 0 ? "" : ", ").append(table).append('.').append(name)
                    .append(" AS ").append(columnPrefix).append(name);
        }
        return list.toString();
    }

    /** @return whether {@link #insertPendingExpiring} and a write's prelude make the bounded insert one statement */
    boolean fusesExpiry() {
        return false;
    }

    /**
     * Binds {@link #expireOldestPending}.
     *
     * @param p the parameters
     * @param userId the user
     * @param kind the kind
     * @param offset how many of the newest open ceremonies stay open
     * @param now the time
     */
    static void bindExpiry(Params p, String userId, String kind, int offset, Instant now) throws SQLException {
        p.instant(now).instant(now).instant(now).text(userId).text(kind).instant(now).int32(EXPIRE_BATCH).int32(offset);
    }

    /** The most ceremonies one statement makes expire: more are left to the next begin (each adds only one). */
    static final int EXPIRE_BATCH = 1000;

    // ================================================================== how a write runs

    /**
     * Runs a write's steps and appends its events, inside the caller's transaction.
     *
     * @param connection a connection in a transaction
     * @param write what to do
     * @return the appended events
     * @throws RuntimeException the refusal of the first step that changed no row (the caller rolls back)
     */
    abstract List<Event> apply(Connection connection, Write write) throws SQLException;

    /**
     * @param write a write
     * @return whether {@link #apply} makes it one statement that, outside a transaction, changes everything or
     *     nothing: it then fails as a whole ({@link #refusedAsAWhole}) when one of its steps changes no row
     */
    boolean oneStatement(Write write) {
        return false;
    }

    /**
     * @param e what a write's statement threw
     * @return whether it is a {@linkplain #oneStatement one-statement write} failing as a whole because one of
     *     its steps changed no row (so nothing changed)
     */
    boolean refusedAsAWhole(SQLException e) {
        return false;
    }

    /** Runs the steps of a write one statement each, stopping at the first that changes no row. */
    final void runSteps(Connection connection, Write write) throws SQLException {
        for (Write.Step step : write.steps()) {
            if (update(connection, step.sql(), step.binder()) == 0) {
                throw step.refusal();
            }
        }
    }

    // ================================================================== how values are stored

    /** Instants are kept at microsecond precision on every database (and rounded by none). */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(stored(value), ZoneOffset.UTC));
    }

    Instant getInstant(ResultSet resultSet, String column) throws SQLException {
        OffsetDateTime value = resultSet.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    int instantSqlType() {
        return Types.TIMESTAMP_WITH_TIMEZONE;
    }

    void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setObject(index, value);
    }

    UUID getUuid(ResultSet resultSet, String column) throws SQLException {
        return resultSet.getObject(column, UUID.class);
    }

    // ================================================================== what a failure means

    /** @return whether the exception is a unique key violation */
    boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Whether a unique violation names the given index. PostgreSQL and H2 name the index in the first line of
     * the message, before any value (PostgreSQL puts values in a second "Detail" line, H2 after
     * {@code VALUES}); a localised message still carries the name verbatim.
     *
     * @param e a unique violation
     * @param indexName the index
     * @return whether it names the index
     */
    boolean violates(SQLException e, String indexName) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        int newline = message.indexOf('\n');
        String head = newline < 0 ? message : message.substring(0, newline);
        int values = head.indexOf(" VALUES ");
        return containsName(values < 0 ? head : head.substring(0, values), indexName);
    }

    /** @return whether {@code text} holds {@code name} as a whole identifier, ignoring case */
    static boolean containsName(String text, String name) {
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = name.toLowerCase(Locale.ROOT);
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            int end = at + needle.length();
            if ((at == 0 || !isIdentifierChar(haystack.charAt(at - 1)))
                    && (end == haystack.length() || !isIdentifierChar(haystack.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIdentifierChar(char c) {
        return c == '_' || c == '$' || Character.isLetterOrDigit(c);
    }

    /**
     * What this database's own error codes mean, beyond the standard SQLSTATEs that {@link Failure} knows.
     *
     * @param e an exception from the driver
     * @return its meaning, or empty to fall back to the standard rules
     */
    Optional<Failure> vendorFailure(SQLException e) {
        return Optional.empty();
    }

    // ================================================================== plumbing shared by the store and dialects

    final int update(Connection connection, String sql, Params.Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Params(this, statement));
            return statement.executeUpdate();
        }
    }

    final <T> Optional<T> queryOne(Connection connection, String sql, Params.Binder binder, Row.Mapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Params(this, statement));
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(mapper.map(new Row(this, resultSet))) : Optional.empty();
            }
        }
    }

    final <T> List<T> queryList(Connection connection, String sql, Params.Binder binder, Row.Mapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(new Params(this, statement));
            try (ResultSet resultSet = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                Row row = new Row(this, resultSet);
                while (resultSet.next()) {
                    result.add(mapper.map(row));
                }
                return List.copyOf(result);
            }
        }
    }
}
