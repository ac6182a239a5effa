package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

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

    /** Connections that come out of the pool with auto-commit off. */
    private static final class ManualCommit extends PGSimpleDataSource {
        private static final long serialVersionUID = 1L;

        @Override
        public Connection getConnection() throws SQLException {
            return manual(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return manual(super.getConnection(user, password));
        }

        private static Connection manual(Connection c) throws SQLException {
            c.setAutoCommit(false);
            return c;
        }
    }

    private static DataSource manualCommit() {
        PGSimpleDataSource template = TestDatabases.postgresDataSource(TestDatabases.postgresPort());
        ManualCommit ds = new ManualCommit();
        ds.setURL(template.getURL());
        ds.setUser(template.getUser());
        ds.setPassword(template.getPassword());
        return ds;
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
