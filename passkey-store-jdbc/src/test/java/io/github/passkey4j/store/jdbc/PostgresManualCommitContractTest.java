package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract, unchanged, on PostgreSQL through connections handed out with auto-commit off (a host pool
 * configured so, such as HikariCP's {@code autoCommit=false}). On connections in auto-commit mode the store runs a
 * write that is one statement as its own transaction, failing it as a whole when a step refuses; here every write
 * runs in a transaction the store commits or rolls back, and every refusal must still change nothing.
 */
class PostgresManualCommitContractTest extends PasskeyStoreContract {

    private static final String PREFIX = "manual_";

    @BeforeAll
    static void createTables() {
        TestDatabases.postgres().freshSchema(PREFIX);
    }

    /** HikariCP handing out connections with auto-commit off ({@code autoCommit=false}); one pool for the class. */
    private static DataSource manualCommit;

    private static synchronized DataSource manualCommit() {
        if (manualCommit == null) {
            manualCommit = TestDatabases.pool(TestDatabases.postgresDataSource(TestDatabases.postgresPort()),
                    "tests-manual-commit", false);
        }
        return manualCommit;
    }

    @Override
    protected PasskeyStore createStore() {
        return JdbcPasskeyStore.builder(manualCommit()).tablePrefix(PREFIX).build();
    }

    @Override
    protected PasskeyStore createSecondNode() {
        return createStore();
    }
}
