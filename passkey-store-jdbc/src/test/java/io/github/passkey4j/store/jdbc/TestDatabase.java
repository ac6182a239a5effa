package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** A real database the tests run on, and what the tests need to know about it. */
interface TestDatabase {

    /** The five tables of a store, without prefix. */
    List<String> TABLES = List.of("passkey", "pending_ceremony", "registration_code", "event", "user_sequence");

    /** @return a short name for messages */
    String name();

    /** @return the database's dialect */
    Database database();

    /** @return a data source on the database (the same instance on every call) */
    DataSource dataSource();

    /** @return a new data source instance on the same database, as a second node of a cluster has */
    DataSource newDataSource();

    /**
     * @param real a connection from {@link #dataSource()} or {@link #newDataSource()}
     * @return the server's id of the connection's session (0 where the database has none)
     */
    long sessionId(Connection real) throws SQLException;

    /**
     * Ends a connection's session from the server side, as a crash, a failover or an administrator would,
     * and returns once the server has let go of it (and so rolled back what it had begun).
     *
     * @param real the connection
     * @param sessionId its {@link #sessionId(Connection)}
     */
    void kill(Connection real, long sessionId) throws SQLException;

    /** @return a store on this database with the prefix, the database given explicitly */
    default JdbcPasskeyStore store(String prefix) {
        return JdbcPasskeyStore.builder(dataSource()).tablePrefix(prefix).database(database()).build();
    }

    /** Drops and creates the store's tables: a clean schema for one test class. */
    default JdbcPasskeyStore freshSchema(String prefix) {
        JdbcPasskeyStore store = store(prefix);
        store.dropSchema();
        store.createSchema();
        return store;
    }

    /**
     * @param prefix a table prefix
     * @return every row of the store's tables, as text, in a stable order: what the database holds
     */
    default Map<String, List<String>> contents(String prefix) {
        Map<String, List<String>> all = new TreeMap<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + prefix + table)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.append(value instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(value))
                                    .append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                all.put(table, rows);
            }
        } catch (SQLException e) {
            throw new PasskeyStoreException(PasskeyStoreException.Reason.FAILURE, "cannot read " + prefix, e);
        }
        return all;
    }
}
