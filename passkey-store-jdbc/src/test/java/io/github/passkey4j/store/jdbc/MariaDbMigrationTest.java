package io.github.passkey4j.store.jdbc;

/** The Flyway scripts and the Liquibase changelog on MariaDB, against what createSchema() makes there. */
class MariaDbMigrationTest extends MigrationContract {

    private static final TestDatabase DB = TestDatabases.mariaDb();

    @Override
    TestDatabase db() {
        return DB;
    }
}
