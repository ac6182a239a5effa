package io.github.passkey4j.store.jdbc;

/** The JDBC store's own promises on Postgres. */
class PostgresBehaviourTest extends JdbcStoreBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabases.postgres();
    }
}
