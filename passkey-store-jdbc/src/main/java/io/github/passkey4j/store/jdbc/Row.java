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

    Row(Dialect dialect, ResultSet resultSet) {
        this.dialect = dialect;
        this.resultSet = resultSet;
    }

    String text(String column) throws SQLException {
        return resultSet.getString(column);
    }

    Optional<String> optionalText(String column) throws SQLException {
        return Optional.ofNullable(resultSet.getString(column));
    }

    Bytes bytes(String column) throws SQLException {
        return Bytes.of(resultSet.getBytes(column));
    }

    Optional<Bytes> optionalBytes(String column) throws SQLException {
        return Optional.ofNullable(resultSet.getBytes(column)).map(Bytes::of);
    }

    long int64(String column) throws SQLException {
        return resultSet.getLong(column);
    }

    int int32(String column) throws SQLException {
        return resultSet.getInt(column);
    }

    boolean bool(String column) throws SQLException {
        return resultSet.getBoolean(column);
    }

    Optional<Boolean> optionalBool(String column) throws SQLException {
        boolean value = resultSet.getBoolean(column);
        return resultSet.wasNull() ? Optional.empty() : Optional.of(value);
    }

    Instant instant(String column) throws SQLException {
        return dialect.getInstant(resultSet, column);
    }

    Optional<Instant> optionalInstant(String column) throws SQLException {
        return Optional.ofNullable(dialect.getInstant(resultSet, column));
    }

    UUID uuid(String column) throws SQLException {
        return dialect.getUuid(resultSet, column);
    }
}
