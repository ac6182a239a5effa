package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Bytes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reads the current row of a result set by column name, the way the dialect stores each type. */
final class Row {

    /** Maps the current row to a value. */
    @FunctionalInterface
    interface Mapper<T> {
        T map(Row row) throws SQLException;
    }

    private final Dialect dialect;
    private final ResultSet resultSet;
    /** Put before every column name: a query that reads two tables in one row aliases their columns apart. */
    private final String prefix;

    Row(Dialect dialect, ResultSet resultSet) {
        this(dialect, resultSet, "");
    }

    private Row(Dialect dialect, ResultSet resultSet, String prefix) {
        this.dialect = dialect;
        this.resultSet = resultSet;
        this.prefix = prefix;
    }

    /**
     * @param columnPrefix what the query put before each column name of one table ({@link Dialect#aliased})
     * @return the same row, read by that table's column names
     */
    Row prefixed(String columnPrefix) {
        return new Row(dialect, resultSet, prefix + columnPrefix);
    }

    private String name(String column) {
        return prefix.isEmpty() ? column : prefix + column;
    }

    String text(String column) throws SQLException {
        return resultSet.getString(name(column));
    }

    Optional<String> optionalText(String column) throws SQLException {
        return Optional.ofNullable(resultSet.getString(name(column)));
    }

    Bytes bytes(String column) throws SQLException {
        return Bytes.of(resultSet.getBytes(name(column)));
    }

    Optional<Bytes> optionalBytes(String column) throws SQLException {
        return Optional.ofNullable(resultSet.getBytes(name(column))).map(Bytes::of);
    }

    long int64(String column) throws SQLException {
        return resultSet.getLong(name(column));
    }

    int int32(String column) throws SQLException {
        return resultSet.getInt(name(column));
    }

    boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(name(column));
    }

    Optional<Boolean> optionalBool(String column) throws SQLException {
        boolean value = resultSet.getBoolean(name(column));
        return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
    }

    Instant instant(String column) throws SQLException {
        return dialect.getInstant(resultSet, prefix + column);
    }

    Optional<Instant> optionalInstant(String column) throws SQLException {
        return Optional.ofNullable(dialect.getInstant(resultSet, prefix + column));
    }

    UUID uuid(String column) throws SQLException {
        return dialect.getUuid(resultSet, prefix + column);
    }
}
