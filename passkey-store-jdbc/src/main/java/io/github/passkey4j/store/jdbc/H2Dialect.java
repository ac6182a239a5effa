package io.github.passkey4j.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Optional;

/** H2 2.x: the sequence is raised by a {@code MERGE} read back through a data change delta table. */
final class H2Dialect extends StepwiseDialect {

    private final String raiseSequence = sql("""
            SELECT last_seq FROM FINAL TABLE (
                MERGE INTO {p}user_sequence AS s
                USING (VALUES (CAST(? AS VARCHAR), CAST(? AS BIGINT))) AS v (user_id, n)
                ON s.user_id = v.user_id
                WHEN MATCHED THEN UPDATE SET last_seq = s.last_seq + v.n
                WHEN NOT MATCHED THEN INSERT (user_id, last_seq) VALUES (v.user_id, v.n))""");

    H2Dialect(String prefix) {
        super(Database.H2, prefix);
    }

    @Override
    long raiseSequence(Connection connection, String userId, int count) throws SQLException {
        try {
            return queryOne(connection, raiseSequence, p -> p.text(userId).int64(count), r -> r.int64("last_seq"))
                    .orElseThrow(() -> new SQLException("MERGE returned no sequence row"));
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                // two transactions created the user's first row at once: the loser runs again and updates it
                throw new SQLTransactionRollbackException("concurrent first write for one user", "40001", e);
            }
            throw e;
        }
    }

    @Override
    Optional<Failure> vendorFailure(SQLException e) {
        switch (e.getErrorCode()) {
            case 90131: // concurrent update of a row (MVStore)
                return Optional.of(Failure.RETRY);
            case 90067: // connection is broken
            case 90098: // the database has been closed
            case 90121: // database called at VM shutdown
            case 90020: // database in use by another process
            case 90135: // database in exclusive mode
            case 90007: // the object is already closed (the connection was closed under us)
            case 90028: // I/O exception
            case 90100: // file system full
                return Optional.of(Failure.UNAVAILABLE);
            default:
                return Optional.empty();
        }
    }
}
