package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** The store contract, unchanged, on H2File; the database is detected, as a host that names none gets it. */
class H2FileContractTest extends PasskeyStoreContract {

    private static final String PREFIX = "contract_";
    private static TestDatabase db;

    @BeforeAll
    static void createTables() {
        db = TestDatabases.h2File("contract");
        db.freshSchema(PREFIX);
    }

    @Override
    protected PasskeyStore createStore() {
        return JdbcPasskeyStore.builder(db.dataSource()).tablePrefix(PREFIX).build();
    }

    @Override
    protected PasskeyStore createSecondNode() {
        return JdbcPasskeyStore.builder(db.newDataSource()).tablePrefix(PREFIX).build();
    }
}
