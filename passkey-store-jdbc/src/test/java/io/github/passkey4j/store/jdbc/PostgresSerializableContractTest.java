package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract, unchanged, on PostgreSQL with every transaction {@code SERIALIZABLE}, the way CockroachDB
 * runs all of them: conflicts then surface as SQLSTATE 40001 and the store runs the transaction again. The
 * concurrency tests of the contract (64 writers on one user's sequence) make many; the retry budget is raised
 * for them as a host on such a database would raise it.
 */
class PostgresSerializableContractTest extends PasskeyStoreContract {

    private static final String PREFIX = "serializable_";

    @BeforeAll
    static void createTables() {
        TestDatabases.postgres().freshSchema(PREFIX);
    }

    /** A pool, as a host has, of connections whose every transaction is serializable; one for the class. */
    private static DataSource serializable;

    private static synchronized DataSource serializable() {
        if (serializable == null) {
            PGSimpleDataSource ds = TestDatabases.postgresDataSource(TestDatabases.postgresPort());
            ds.setOptions("-c default_transaction_isolation=serializable");
            serializable = TestDatabases.pool(ds, "tests-serializable", true);
        }
        return serializable;
    }

    @Override
    protected PasskeyStore createStore() {
        return JdbcPasskeyStore.builder(serializable()).tablePrefix(PREFIX).maxRetries(100).build();
    }

    @Override
    protected PasskeyStore createSecondNode() {
        return createStore();
    }
}
