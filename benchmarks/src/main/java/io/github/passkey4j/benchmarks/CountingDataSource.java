package io.github.passkey4j.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts the database round trips of what runs through it: every statement
 * execution ({@code execute*}, a whole {@code executeBatch} being one), every {@code commit} and
 * {@code rollback}, and every connection checked out (and, apart, every {@code setAutoCommit}). It sits between the store and the pool, so the
 * pool's own work (validation, resets) is not counted; with PostgreSQL's driver each counted call is
 * one network round trip (a transaction's {@code BEGIN} travels with its first statement).
 */
public final class CountingDataSource implements DataSource {

    private final DataSource target;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** @param target the data source to count */
    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** Forgets what was counted. */
    public void reset() {
        calls.clear();
    }

    /** @return the counted calls since the last reset, in order, e.g. {@code execute: SELECT ...} */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** @return statement executions, commits and rollbacks since the last reset */
    public long roundTrips() {
        return calls().stream().filter(c -> !c.startsWith("getConnection") && !c.startsWith("setAutoCommit")).count();
    }

    /** @return statement executions since the last reset */
    public long statements() {
        return calls().stream().filter(c -> c.startsWith("execute")).count();
    }

    /**
     * @return {@code setAutoCommit} calls since the last reset: not in {@link #roundTrips()}, since PostgreSQL's
     *     driver sends nothing for them (a transaction's {@code BEGIN} travels with its first statement) and H2 runs
     *     in process, but MariaDB's driver sends a {@code SET autocommit} for each
     */
    public long autoCommitSwitches() {
        return calls().stream().filter(c -> c.startsWith("setAutoCommit")).count();
    }

    /** @return commits since the last reset */
    public long commits() {
        return calls().stream().filter(c -> c.equals("commit")).count();
    }

    /** @return connections checked out since the last reset */
    public long connections() {
        return calls().stream().filter(c -> c.startsWith("getConnection")).count();
    }

    @Override
    public Connection getConnection() throws SQLException {
        calls.add("getConnection");
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        calls.add("getConnection");
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection, null));
    }

    private final class Handler implements InvocationHandler {
        private final Object target;
        private final String sql;

        Handler(Object target, String sql) {
            this.target = target;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("commit") || name.equals("rollback")) {
                calls.add(name);
            } else if (name.equals("setAutoCommit")) {
                calls.add(name + ": " + args[0]);
            } else if (name.startsWith("execute")) {
                String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
                calls.add(name + ": " + (text == null ? "" : text.replaceAll("\\s+", " ").trim()));
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof PreparedStatement || result instanceof CallableStatement || result instanceof Statement) {
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                String statementSql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Handler(result, statementSql));
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
