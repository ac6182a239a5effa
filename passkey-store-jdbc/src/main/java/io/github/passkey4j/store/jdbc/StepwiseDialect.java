package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * A dialect whose database cannot chain writes in one statement (no data-modifying common table expressions):
 * it runs a write's steps one statement each, then raises the user's sequence (one statement that returns the
 * new value), then inserts the events (one batch), all in the caller's transaction.
 *
 * <p>Raising the sequence locks the user's sequence row until the transaction ends. Every write takes its own
 * rows first and the sequence row last, so two writes never wait on each other in opposite orders.
 */
abstract class StepwiseDialect extends Dialect {

    StepwiseDialect(Database database, String prefix) {
        super(database, prefix);
    }

    @Override
    final List<Event> apply(Connection connection, Write write) throws SQLException {
        runSteps(connection, write);
        if (write.sideEffect() != null) {
            update(connection, write.sideEffect().sql(), write.sideEffect().binder());
        }
        if (write.events().isEmpty()) {
            return List.of();
        }
        List<Event> events = write.numbered(raiseSequence(connection, write.userId(), write.events().size()));
        try (PreparedStatement statement = connection.prepareStatement(insertEvent)) {
            for (Event e : events) {
                Rows.bind(new Params(this, statement), e);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        return events;
    }

    /**
     * Adds {@code count} to the user's last sequence, creating the user's row at {@code count}, and locks it
     * until the transaction ends.
     *
     * @return the new last sequence
     */
    abstract long raiseSequence(Connection connection, String userId, int count) throws SQLException;
}
