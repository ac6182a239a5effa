package io.github.passkey4j.benchmarks;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.Database;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.util.Optional;
import javax.sql.DataSource;

/** The JDBC store on a started database, its schema created, behind the database's pool. */
final class JdbcStores {

    private JdbcStores() {
    }

    static Stores.Opened open(Databases.Database database) {
        return open(database, database.pool());
    }

    /**
     * @param database the started database
     * @param dataSource what the store uses (the pool, or a counting wrapper around it)
     * @return the opened store
     */
    static Stores.Opened open(Databases.Database database, DataSource dataSource) {
        return open(database, dataSource, JdbcPasskeyStore.DEFAULT_TABLE_PREFIX);
    }

    /**
     * @param database the started database ({@code h2}, {@code postgres} or {@code mariadb})
     * @param dataSource what the store uses (the pool, or a counting wrapper around it)
     * @param tablePrefix the store's table prefix
     * @return the opened store
     */
    static Stores.Opened open(Databases.Database database, DataSource dataSource, String tablePrefix) {
        Database kind = switch (database.kind()) {
            case "h2" -> Database.H2;
            case "postgres" -> Database.POSTGRESQL;
            case "mariadb" -> Database.MYSQL;
            default -> throw new IllegalArgumentException(database.kind());
        };
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(dataSource).database(kind).tablePrefix(tablePrefix).build();
        store.createSchema();
        return new Stores.Opened() {
            @Override
            public PasskeyStore store() {
                return store;
            }

            @Override
            public Optional<DataSource> dataSource() {
                return Optional.of(dataSource);
            }

            @Override
            public Optional<Databases.Database> database() {
                return Optional.of(database);
            }

            @Override
            public void close() {
                store.close();
                database.close();
            }
        };
    }
}
