package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Bytes;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Binds the parameters of one prepared statement in order, the way the dialect stores each type. */
final class Params {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(Params params) throws SQLException;
    }

    private final Dialect dialect;
    private final PreparedStatement statement;
    private int next = 1;

    Params(Dialect dialect, PreparedStatement statement) {
        this.dialect = dialect;
        this.statement = statement;
    }

    Params text(String value) throws SQLException {
        statement.setString(next++, value);
        return this;
    }

    Params optionalText(Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            return text(value.get());
        }
        statement.setNull(next++, Types.VARCHAR);
        return this;
    }

    Params bytes(Bytes value) throws SQLException {
        statement.setBytes(next++, value.toArray());
        return this;
    }

    Params optionalBytes(Optional<Bytes> value) throws SQLException {
        if (value.isPresent()) {
            return bytes(value.get());
        }
        statement.setNull(next++, Types.VARBINARY);
        return this;
    }

    Params int64(long value) throws SQLException {
        statement.setLong(next++, value);
        return this;
    }

    Params int32(int value) throws SQLException {
        statement.setInt(next++, value);
        return this;
    }

    Params bool(boolean value) throws SQLException {
        statement.setBoolean(next++, value);
        return this;
    }

    Params optionalBool(Optional<Boolean> value) throws SQLException {
        if (value.isPresent()) {
            return bool(value.get());
        }
        statement.setNull(next++, Types.BOOLEAN);
        return this;
    }

    Params instant(Instant value) throws SQLException {
        dialect.setInstant(statement, next++, value);
        return this;
    }

    Params optionalInstant(Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            return instant(value.get());
        }
        statement.setNull(next++, dialect.instantSqlType());
        return this;
    }

    Params uuid(UUID value) throws SQLException {
        dialect.setUuid(statement, next++, value);
        return this;
    }
}
