package io.github.passkey4j.store.jdbc;

/** The Flyway scripts and the Liquibase changelog on H2, against what createSchema() makes there. */
class H2MigrationTest extends MigrationContract {

    private static final TestDatabase DB = TestDatabases.h2Memory("migrations");

    @Override
    TestDatabase db() {
        return DB;
    }
}
