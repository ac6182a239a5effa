package io.github.passkey4j.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that drops the connection at the k-th JDBC call: {@code getConnection} and every method of
 * the connections, statements, result sets and metadata it hands out count, in the order the store makes them.
 *
 * <p>Two ways to drop, like the two ways a connection dies:
 *
 * <ul>
 *   <li>{@link Mode#INJECT}: the call throws a connection exception (SQLSTATE 08006) without reaching the
 *       driver, and the real connection is closed at once, so the server rolls back whatever was begun. Every
 *       later call on that connection fails the same way.
 *   <li>{@link Mode#KILL}: the server ends the session (PostgreSQL's {@code pg_terminate_backend}, MariaDB's
 *       {@code KILL CONNECTION}, H2's close), then the call goes on to the real driver, which fails as it
 *       fails in production: at once, or at its next round trip.
 * </ul>
 *
 * <p>Calling {@code getConnection} as the k-th call fails it as a refused connection would.
 */
final class FaultyDataSource implements DataSource {

    /** How the connection is dropped. */
    enum Mode {
        INJECT,
        KILL,
        /** Not a drop: the call fails as a lost serialization conflict (40001), the transaction rolled back. */
        CONFLICT
    }

    private final TestDatabase database;
    private final DataSource real;
    private final Mode mode;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /**
     * Connections the store closed whole, kept for its next call as a pool keeps them (a new PostgreSQL or MariaDB
     * session per call costs more than the calls themselves); a connection that was dropped is never kept.
     */
    private final java.util.Deque<Session> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private int failAt;
    private String failEvery;

    FaultyDataSource(TestDatabase database, Mode mode) {
        this.database = database;
        this.real = database.newDataSource();
        this.mode = mode;
    }

    /**
     * Starts counting calls from zero.
     *
     * @param k the call that drops the connection, from 1; 0 for none
     */
    synchronized void failAt(int k) {
        calls.clear();
        failAt = k;
        failEvery = null;
    }

    /**
     * Starts counting calls from zero, and fails every call of this name from now on.
     *
     * @param call a call such as {@code Connection.commit}
     */
    synchronized void failEvery(String call) {
        calls.clear();
        failAt = 0;
        failEvery = call;
    }

    /** @return the calls made since {@link #failAt(int)}, as {@code Interface.method} */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** @return whether the k-th call was made, so the fault happened */
    boolean fired() {
        return failAt > 0 && calls.size() >= failAt;
    }

    /** Counts a call; answers whether it is the one that drops the connection. */
    private synchronized boolean count(String call) {
        calls.add(call);
        return calls.size() == failAt || call.equals(failEvery);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (count("DataSource.getConnection")) {
            throw new SQLTransientConnectionException("injected: connection refused", "08001");
        }
        Session kept = idle.poll();
        Session session;
        if (kept != null) {
            session = new Session(kept.connection, kept.sessionId);
        } else {
            Connection connection = real.getConnection();
            session = new Session(connection, mode == Mode.KILL ? database.sessionId(connection) : 0);
        }
        return wrap(Connection.class, session.connection, session);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    /** One connection's life: whether it was dropped. */
    private final class Session {
        final Connection connection;
        final long sessionId;
        volatile boolean dropped;
        /** Given back whole by the store (its connection went back to the idle ones). */
        volatile boolean closed;

        Session(Connection connection, long sessionId) {
            this.connection = connection;
            this.sessionId = sessionId;
        }

        void drop() throws SQLException {
            dropped = true;
            if (mode == Mode.KILL) {
                database.kill(connection, sessionId);
            } else {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // gone either way
                }
            }
        }
    }

    private <T> T wrap(Class<T> type, T target, Session session) {
        InvocationHandler handler = (proxy, method, args) -> invoke(type, target, session, method, args);
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private Object invoke(Class<?> type, Object target, Session session, Method method, Object[] args)
            throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        boolean drop = count(type.getSimpleName() + "." + method.getName());
        if (session.closed) {
            // a handle given back: its connection serves another one now, so nothing reaches it
            if (method.getName().equals("isClosed")) {
                return Boolean.TRUE;
            }
            if (method.getName().equals("close")) {
                return null;
            }
            throw new SQLNonTransientConnectionException("the connection is closed", "08003");
        }
        if (drop && mode == Mode.CONFLICT) {
            session.connection.rollback();
            throw new SQLTransactionRollbackException("injected: could not serialize access", "40001");
        }
        if (drop) {
            session.drop();
        }
        if (mode == Mode.INJECT && session.dropped) {
            if (method.getName().equals("close") || method.getName().equals("isClosed")) {
                return method.getName().equals("isClosed") ? Boolean.TRUE : null;
            }
            throw new SQLNonTransientConnectionException("injected: the connection was dropped", "08006");
        }
        if (type == Connection.class && method.getName().equals("close") && !session.dropped) {
            // back to the idle ones, as a pool takes it back: what the store left open is rolled back
            Connection c = session.connection;
            if (!c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                session.closed = true; // this handle is done; the connection lives on in the next one
                idle.push(new Session(c, session.sessionId));
            }
            return null;
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof ResultSet rs) {
            return wrap(ResultSet.class, rs, session);
        }
        if (result instanceof Statement s && method.getReturnType() != Statement.class) {
            return wrap(PreparedStatement.class, (PreparedStatement) s, session);
        }
        if (result instanceof Statement s) {
            return wrap(Statement.class, s, session);
        }
        if (result instanceof DatabaseMetaData m) {
            return wrap(DatabaseMetaData.class, m, session);
        }
        return result;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
