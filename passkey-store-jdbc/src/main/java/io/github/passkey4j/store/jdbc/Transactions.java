package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each store call on a connection of its own: a write in one transaction, committed or rolled back
 * before the connection goes back, and run again when the database aborted it for a conflict (SQLSTATE 40001,
 * 40P01 and the dialect's equivalents), a bounded number of times with a jittered, growing pause.
 *
 * <p>Every failure leaves as a {@link PasskeyStoreException}: a lost or unreachable database, a timeout and a
 * conflict that kept coming back are {@link Reason#UNAVAILABLE}; a unique violation is what the call says it
 * is; anything else is {@link Reason#FAILURE}. Messages carry the call's name and the SQLSTATE, never a value.
 *
 * <p>Once a transaction is committed, nothing that fails afterwards (restoring auto-commit, closing) fails
 * the call: the change is made, and a broken connection is the pool's to discard.
 */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPasskeyStore.class);
    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 250;

    /** The work of one call, given a connection and the dialect. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection, Dialect dialect) throws SQLException;
    }

    /** Finds the dialect, which may need the database (and so may fail like any call). */
    @FunctionalInterface
    interface DialectSource {
        Dialect get() throws SQLException;
    }

    /** What a unique violation means for one call. */
    @FunctionalInterface
    interface OnDuplicate {
        PasskeyStoreException map(SQLException e, Dialect dialect);
    }

    private final DataSource dataSource;
    private final DialectSource dialects;
    private final int maxRetries;

    Transactions(DataSource dataSource, DialectSource dialects, int maxRetries) {
        this.dataSource = dataSource;
        this.dialects = dialects;
        this.maxRetries = maxRetries;
    }

    /** Runs a read: one or more queries, no changes. */
    <T> T read(String call, Work<T> work) {
        return run(call, false, null, null, work);
    }

    /** Runs a write in one transaction; {@code onDuplicate} says what a unique violation means, if one can occur. */
    <T> T write(String call, OnDuplicate onDuplicate, Work<T> work) {
        return run(call, true, onDuplicate, null, work);
    }

    /**
     * Runs a write that is one statement on every database (a single-row {@code INSERT}): in the connection's
     * auto-commit mode when it is on, where the statement is its own transaction and needs no commit of its own.
     */
    <T> T statement(String call, OnDuplicate onDuplicate, Work<T> work) {
        return run(call, true, onDuplicate, d -> true, work);
    }

    /**
     * Runs a write that is one statement on the databases {@code oneStatement} names (in auto-commit mode when
     * the connection is in it, as {@link #statement}) and one transaction on the others, as {@link #write}.
     */
    <T> T write(String call, OnDuplicate onDuplicate, Predicate<Dialect> oneStatement, Work<T> work) {
        return run(call, true, onDuplicate, oneStatement, work);
    }

    /**
     * Runs {@link Dialect#apply} of a write. Where the dialect makes the write one all-or-nothing statement
     * ({@link Dialect#oneStatement}) and the connection is in auto-commit mode, the statement runs as its own
     * transaction, saving the commit's round trip; such a statement fails as a whole when one of its steps
     * changes no row, and is then run again in a transaction to learn which step refused (refusals are rare, and
     * their answer is the same either way). Elsewhere the write runs in one transaction, as {@link #write}.
     *
     * @param writeOf the write, for the dialect
     * @return the appended events
     */
    List<Event> apply(String call, OnDuplicate onDuplicate, Function<Dialect, Write> writeOf) {
        WriteFor write = new WriteFor(writeOf);
        return run(call, true, onDuplicate, d -> d.oneStatement(write.of(d)), (c, d) -> d.apply(c, write.of(d)));
    }

    /** A call's write, built once per dialect (once), however often the call asks for it or runs again. */
    private static final class WriteFor {
        private final Function<Dialect, Write> writeOf;
        private Dialect dialect;
        private Write write;

        WriteFor(Function<Dialect, Write> writeOf) {
            this.writeOf = writeOf;
        }

        Write of(Dialect d) {
            if (d != dialect) {
                write = writeOf.apply(d);
                dialect = d;
            }
            return write;
        }
    }

    private <T> T run(String call, boolean write, OnDuplicate onDuplicate, Predicate<Dialect> oneStatement,
            Work<T> work) {
        boolean inTransaction = oneStatement == null;
        for (int attempt = 1; ; attempt++) {
            Dialect dialect = null;
            try {
                dialect = dialects.get();
                boolean alone = write && !inTransaction && oneStatement.test(dialect);
                return once(write && !alone, dialect, work);
            } catch (SQLException e) {
                if (!inTransaction && dialect != null && dialect.refusedAsAWhole(e)) {
                    inTransaction = true; // a step changed no row, and nothing changed: learn which, in a transaction
                    attempt--;
                    continue;
                }
                Failure failure = Failure.of(e, dialect);
                if (failure == Failure.RETRY && attempt <= maxRetries) {
                    LOG.debug("{}: transaction aborted by a conflict (SQLSTATE {}), running it again (retry {} of {})",
                            call, e.getSQLState(), attempt, maxRetries);
                    pause(call, attempt);
                    continue;
                }
                throw translate(call, failure, e, dialect, onDuplicate, attempt);
            } catch (PasskeyStoreException | IllegalArgumentException | Write.NotApplied e) {
                throw e; // the call's own refusals, already rolled back
            } catch (RuntimeException e) {
                throw new PasskeyStoreException(Reason.FAILURE, call + ": unexpected data or driver behaviour", e);
            }
        }
    }

    private <T> T once(boolean write, Dialect dialect, Work<T> work) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!write && autoCommit) {
                return work.run(connection, dialect);
            }
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result;
                try {
                    result = work.run(connection, dialect);
                    connection.commit();
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(connection, e);
                    throw e;
                }
                return result;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        } finally {
            close(connection);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not restore auto-commit on a connection (SQLSTATE {})", sqlState(e));
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not close a connection (SQLSTATE {})", sqlState(e));
        }
    }

    private void pause(String call, int attempt) {
        long ceiling = Math.min(LONGEST_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasskeyStoreException(Reason.UNAVAILABLE, call + ": interrupted while waiting to run again", e);
        }
    }

    private PasskeyStoreException translate(String call, Failure failure, SQLException e, Dialect dialect,
            OnDuplicate onDuplicate, int attempts) {
        String state = " (SQLSTATE " + e.getSQLState() + ", error " + e.getErrorCode() + ")";
        switch (failure) {
            case RETRY:
                LOG.warn("{}: gave up after {} attempts, each aborted by a conflicting transaction{}; "
                        + "the database is under contention (raise maxRetries or look for long transactions)",
                        call, attempts, state);
                return new PasskeyStoreException(Reason.UNAVAILABLE,
                        call + ": gave up after " + attempts + " attempts aborted by conflicts" + state, e);
            case UNAVAILABLE:
                LOG.debug("{}: database unavailable{}", call, state);
                return new PasskeyStoreException(Reason.UNAVAILABLE,
                        call + ": the database cannot be reached or did not answer" + state, e);
            case DUPLICATE:
                if (onDuplicate != null && dialect != null) {
                    return onDuplicate.map(e, dialect);
                }
                return new PasskeyStoreException(Reason.FAILURE, call + ": unexpected unique key violation" + state, e);
            default:
                LOG.debug("{}: failed{}", call, state);
                return new PasskeyStoreException(Reason.FAILURE, call + ": the database refused the call" + state, e);
        }
    }

    private static String sqlState(Exception e) {
        return e instanceof SQLException s ? s.getSQLState() : e.getClass().getSimpleName();
    }
}
