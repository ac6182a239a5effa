package io.github.passkey4j.store.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a {@link SQLException} means for the caller. */
enum Failure {
    /** The transaction lost a conflict (serialization failure, deadlock): run it again. */
    RETRY,
    /** The database cannot be reached, dropped the connection, or is too busy to answer in time. */
    UNAVAILABLE,
    /** A unique key was violated; the operation tells which key means what. */
    DUPLICATE,
    /** Anything else: a bug, a broken schema, a value the schema cannot hold. */
    OTHER;

    /**
     * Classifies an exception and everything chained to it. A lost connection anywhere in the chain wins: once
     * the connection is gone, whatever else went wrong no longer matters to the caller.
     *
     * @param e the exception
     * @param dialect the database's dialect, or null when it is not known yet
     * @return its meaning
     */
    static Failure of(SQLException e, Dialect dialect) {
        Failure first = null;
        for (Throwable t : chain(e)) {
            if (!(t instanceof SQLException s)) {
                continue;
            }
            Failure f = ofOne(s, dialect);
            if (f == UNAVAILABLE) {
                return UNAVAILABLE;
            }
            if (first == null && f != OTHER) {
                first = f;
            }
        }
        return first == null ? OTHER : first;
    }

    private static Failure ofOne(SQLException e, Dialect dialect) {
        if (dialect != null) {
            Failure vendor = dialect.vendorFailure(e).orElse(null);
            if (vendor != null) {
                return vendor;
            }
        }
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException || e instanceof SQLTimeoutException) {
            return UNAVAILABLE;
        }
        String state = e.getSQLState();
        if (state == null) {
            return OTHER;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return RETRY;
        }
        if (state.startsWith("08") // connection exception
                || state.startsWith("57") // operator intervention: shutdown, statement timeout, cannot connect now
                || state.startsWith("53") // insufficient resources: too many connections, out of memory or disk
                || state.equals("55P03") // lock not available (lock timeout)
                || state.equals("HYT00") || state.equals("HYT01")) { // timeout expired
            return UNAVAILABLE;
        }
        if (dialect != null ? dialect.isUniqueViolation(e) : state.equals("23505")) {
            return DUPLICATE;
        }
        return OTHER;
    }

    /** @return the exception, its causes and its next exceptions (not the suppressed ones: those came later) */
    private static List<Throwable> chain(SQLException e) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>(List.of(e));
        while (!todo.isEmpty() && all.size() < 32) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException s && s.getNextException() != null) {
                todo.add(s.getNextException());
            }
        }
        return all;
    }
}
