package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * One SPI write as a dialect runs it: {@code steps}, each of which must change exactly one row, then
 * {@code events} appended to one user's history with the user's next sequences.
 *
 * <p>When a step changes no row, the later steps do not run, no event is appended, and the write is refused:
 * with a {@link PasskeyStoreException} of the step's {@link Step#ifNoRow()} reason, or, when the step has
 * none, with {@link NotApplied} (the call then answers "empty"). Either way the caller rolls back.
 *
 * <p>Steps are single-row {@code DELETE}, {@code UPDATE} (both ending with their {@code WHERE} clause) or
 * {@code INSERT ... SELECT ?, ...} statements (ending with their select list), so that a dialect can run them
 * one by one, or chain them in one statement by appending a condition.
 *
 * @param steps the changes, in order
 * @param userId the user whose history the events join
 * @param events the events to append, in order; may be empty
 * @param sideEffect a statement that may change any number of rows and never refuses the write, or null: a
 *     {@linkplain Dialect#fusesExpiry() fusing} dialect runs it as the first part of the write's one statement (so
 *     it sees the data as before the write), a stepwise one after the steps, in the write's transaction
 */
record Write(List<Step> steps, String userId, List<NewEvent> events, Step sideEffect) {

    /**
     * A write without a prelude.
     *
     * @param steps the changes, in order
     * @param userId the user whose history the events join
     * @param events the events to append, in order; may be empty
     */
    Write(List<Step> steps, String userId, List<NewEvent> events) {
        this(steps, userId, events, null);
    }

    /**
     * One statement of a write.
     *
     * @param sql the statement, without a trailing semicolon
     * @param binder binds its parameters
     * @param ifNoRow why the write is refused when the statement changes no row; null when the call then
     *     answers "empty"
     */
    record Step(String sql, Params.Binder binder, Reason ifNoRow) {

        /** @return the statement, changing nothing unless {@code condition} holds */
        String when(String condition) {
            return sql + (sql.startsWith("INSERT") ? "\nWHERE " : "\nAND ") + condition;
        }

        /** @return the refusal when this step changed no row */
        RuntimeException refusal() {
            if (ifNoRow == null) {
                return new NotApplied();
            }
            return new PasskeyStoreException(ifNoRow, switch (ifNoRow) {
                case CEREMONY_GONE -> "the pending ceremony is unknown, of another kind, expired or taken already";
                case CODE_NOT_USABLE -> "the registration code is unknown, not the user's, expired, burnt or used";
                default -> "the write changed no row";
            });
        }
    }

    /** A write whose conditional step changed no row: the call answers "empty", and nothing changed. */
    static final class NotApplied extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotApplied() {
            super("not applied", null, false, false);
        }
    }

    Write {
        steps = List.copyOf(steps);
        events = List.copyOf(events);
    }

    /**
     * @param lastSequence the sequence the last event got
     * @return the events with their sequences
     */
    List<Event> numbered(long lastSequence) {
        List<Event> result = new ArrayList<>(events.size());
        long first = lastSequence - events.size() + 1;
        for (int i = 0; i < events.size(); i++) {
            result.add(events.get(i).withSequence(first + i));
        }
        return List.copyOf(result);
    }
}
