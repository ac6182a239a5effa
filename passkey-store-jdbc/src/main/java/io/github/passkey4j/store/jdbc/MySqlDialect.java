package io.github.passkey4j.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * MySQL 8: instants as UTC {@code DATETIME(6)} (free of the session time zone), the AAGUID as text, the
 * sequence raised by {@code INSERT ... ON DUPLICATE KEY UPDATE} with {@code LAST_INSERT_ID(expr)} so that the
 * new value comes back in the same round trip. MariaDB speaks the same dialect.
 */
final class MySqlDialect extends StepwiseDialect {

    private final String raiseSequence = sql("""
            INSERT INTO {p}user_sequence (user_id, last_seq) VALUES (?, LAST_INSERT_ID(?))
            ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + ?)""");

    MySqlDialect(String prefix) {
        super(Database.MYSQL, prefix);
    }

    @Override
    long raiseSequence(Connection connection, String userId, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(raiseSequence, Statement.RETURN_GENERATED_KEYS)) {
            new Params(this, statement).text(userId).int64(count).int64(count);
            statement.executeUpdate();
            // the server reports LAST_INSERT_ID(expr) as the statement's generated key
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the driver returned no LAST_INSERT_ID for the sequence");
                }
                return keys.getLong(1);
            }
        }
    }

    @Override
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(stored(value), ZoneOffset.UTC));
    }

    @Override
    Instant getInstant(ResultSet resultSet, String column) throws SQLException {
        LocalDateTime value = resultSet.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    int instantSqlType() {
        return Types.TIMESTAMP;
    }

    @Override
    void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setString(index, value.toString());
    }

    @Override
    UUID getUuid(ResultSet resultSet, String column) throws SQLException {
        return UUID.fromString(resultSet.getString(column));
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
    }

    /** MySQL ends the message with the key: {@code for key 'name'} (MariaDB) or {@code 'table.name'} (MySQL 8). */
    @Override
    boolean violates(SQLException e, String indexName) {
        String message = e.getMessage();
        int at = message == null ? -1 : message.lastIndexOf("for key '");
        return at >= 0 && containsName(message.substring(at + "for key '".length()), indexName);
    }

    @Override
    Optional<Failure> vendorFailure(SQLException e) {
        switch (e.getErrorCode()) {
            case 1213: // deadlock
                return Optional.of(Failure.RETRY);
            case 1205: // lock wait timeout
            case 1040: // too many connections
            case 1053: // server shutdown in progress
            case 1927: // connection killed
            case 1969: // statement timeout (MariaDB)
            case 3024: // maximum statement execution time exceeded (MySQL)
            case 2006: // server has gone away
            case 2013: // lost connection during query
                return Optional.of(Failure.UNAVAILABLE);
            default:
                return Optional.empty();
        }
    }
}
