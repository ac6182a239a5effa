/**
 * passkey4j's store on plain JDBC (H2, PostgreSQL, MariaDB/MySQL). Only the package with
 * {@link io.github.passkey4j.store.jdbc.JdbcPasskeyStore} and its options is exported; the dialects
 * are package-private. The SQL scripts are resources of that package, read by the store itself.
 */
module io.github.passkey4j.store.jdbc {
    requires transitive io.github.passkey4j.store;
    requires transitive java.sql;
    requires org.slf4j;

    exports io.github.passkey4j.store.jdbc;
}
