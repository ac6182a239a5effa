package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.NewEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: every write with an event is one statement. Its steps become data-modifying common table expressions, each
 * changing nothing unless the ones before it changed their row; the user's sequence is raised by
 * {@code INSERT ... ON CONFLICT DO UPDATE} (which locks the row) only when every step changed its row; the
 * events are inserted from the new value. The statement answers one row: how many rows each step changed, and
 * the last sequence appended.
 *
 * <p>Outside a transaction (auto-commit), the statement is its own transaction, and it must then change
 * everything or nothing: its answer divides by the product of the steps' row counts, so that a step that changed
 * no row fails the statement (SQLSTATE 22012, division by zero) and undoes the steps before it. The caller then
 * runs the write again in a transaction, where the counts say which step refused.
 */
final class PostgresDialect extends Dialect {

    private final String raiseAndAppend = sql("""
            raised AS (
                INSERT INTO {p}user_sequence AS s (user_id, last_seq)
                SELECT CAST(? AS VARCHAR), CAST(? AS BIGINT)
                %s
                ON CONFLICT (user_id) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
                RETURNING s.user_id, s.last_seq),
            appended AS (
                INSERT INTO {p}event ({event_columns})
                SELECT r.user_id, r.last_seq - CAST(? AS BIGINT) + e.n, e.resource_owner, e.type, e.aggregate_id,
                       e.occurred_at
                FROM raised AS r CROSS JOIN (VALUES %s) AS e (resource_owner, type, aggregate_id, occurred_at, n)
                RETURNING seq)
            SELECT %s(SELECT max(seq) FROM appended) AS last_seq""");

    private static final String DIVISION_BY_ZERO = "22012";

    private static final String EVENT_ROW =
            "(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS TIMESTAMPTZ), %d)";

    /** The pending ceremony's INSERT with {@link #expireOldestPending} as a common table expression: one statement. */
    final String insertPendingExpiring;

    PostgresDialect(String prefix) {
        super(Database.POSTGRESQL, prefix);
        insertPendingExpiring = "WITH expired AS (" + expireOldestPending + "\nRETURNING 1)\n" + insertPending;
    }

    @Override
    boolean fusesExpiry() {
        return true;
    }

    @Override
    boolean oneStatement(Write write) {
        return !write.events().isEmpty();
    }

    @Override
    boolean refusedAsAWhole(SQLException e) {
        return DIVISION_BY_ZERO.equals(e.getSQLState());
    }

    @Override
    List<Event> apply(Connection connection, Write write) throws SQLException {
        if (write.events().isEmpty()) {
            runSteps(connection, write);
            return List.of();
        }
        int k = write.events().size();
        boolean alone = connection.getAutoCommit();
        try (PreparedStatement statement = connection.prepareStatement(fused(write, alone))) {
            Params params = new Params(this, statement);
            if (write.sideEffect() != null) {
                write.sideEffect().binder().bind(params);
            }
            for (Write.Step step : write.steps()) {
                step.binder().bind(params);
            }
            params.text(write.userId()).int64(k).int64(k);
            for (NewEvent e : write.events()) {
                params.text(e.resourceOwner()).text(e.type().name()).text(e.aggregateId()).instant(e.time());
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                if (!resultSet.next()) {
                    throw new SQLException("the write answered no row");
                }
                for (int i = 0; i < write.steps().size(); i++) {
                    if (resultSet.getLong(i + 1) == 0) {
                        throw write.steps().get(i).refusal();
                    }
                }
                long last = resultSet.getLong("last_seq");
                if (resultSet.wasNull()) {
                    throw new SQLException("the write appended no event");
                }
                return write.numbered(last);
            }
        }
    }

    /**
     * @param alone whether the statement is its own transaction: then it fails when a step changed no row
     * @return {@code WITH step0 AS (...), ..., raised AS (...), appended AS (...) SELECT <counts>, <last>}
     */
    private String fused(Write write, boolean alone) {
        StringBuilder sql = new StringBuilder("WITH ");
        if (write.sideEffect() != null) {
            // all parts of one statement see one snapshot: the side effect does not see the rows the steps insert
            sql.append("side AS (").append(write.sideEffect().sql()).append("\nRETURNING 1),\n");
        }
        List<String> done = new ArrayList<>();
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < write.steps().size(); i++) {
            Write.Step step = write.steps().get(i);
            String text = done.isEmpty() ? step.sql() : step.when(String.join(" AND ", done));
            sql.append("step").append(i).append(" AS (").append(text).append("\nRETURNING 1),\n");
            done.add("EXISTS (SELECT 1 FROM step" + i + ")");
            counts.append("(SELECT count(*) FROM step").append(i).append(") AS step").append(i).append(", ");
        }
        List<String> rows = new ArrayList<>();
        for (int n = 1; n <= write.events().size(); n++) {
            rows.add(EVENT_ROW.formatted(n));
        }
        if (alone && !write.steps().isEmpty()) {
            List<String> factors = new ArrayList<>();
            for (int i = 0; i < write.steps().size(); i++) {
                factors.add("(SELECT count(*) FROM step" + i + ")");
            }
            counts.append("1 / (").append(String.join(" * ", factors)).append(") AS all_or_nothing, ");
        }
        String where = done.isEmpty() ? "" : "WHERE " + String.join(" AND ", done);
        return sql.append(raiseAndAppend.formatted(where, String.join(", ", rows), counts)).toString();
    }
}
