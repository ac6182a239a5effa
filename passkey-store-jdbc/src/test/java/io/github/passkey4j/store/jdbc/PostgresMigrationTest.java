package io.github.passkey4j.store.jdbc;

/** The Flyway scripts and the Liquibase changelog on PostgreSQL, against what createSchema() makes there. */
class PostgresMigrationTest extends MigrationContract {

    private static final TestDatabase DB = TestDatabases.postgres();

    @Override
    TestDatabase db() {
        return DB;
    }
}
