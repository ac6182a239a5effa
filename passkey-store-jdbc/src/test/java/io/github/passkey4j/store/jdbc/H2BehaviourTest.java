package io.github.passkey4j.store.jdbc;

/** The JDBC store's own promises on H2. */
class H2BehaviourTest extends JdbcStoreBehaviour {

    @Override
    TestDatabase database() {
        return TestDatabases.h2Memory("behaviour");
    }
}
