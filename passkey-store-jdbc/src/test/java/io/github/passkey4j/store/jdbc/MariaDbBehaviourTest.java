package io.github.passkey4j.store.jdbc;

/** The JDBC store's own promises on MariaDb. */
class MariaDbBehaviourTest extends JdbcStoreBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabases.mariaDb();
    }
}
