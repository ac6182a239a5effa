package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.RegistrationContract;
import io.github.passkey4j.store.PasskeyStore;
import org.junit.jupiter.api.BeforeAll;

/** The library's {@link RegistrationContract}, unchanged, through {@code Passkeys} on Postgres. */
class PostgresRegistrationTest extends RegistrationContract {

    private static final String PREFIX = "lib_";
    private static TestDatabase db;

    @BeforeAll
    static void freshSchema() {
        db = TestDatabases.postgres();
        db.freshSchema(PREFIX);
    }

    @Override
    protected PasskeyStore createStore() {
        return db.store(PREFIX);
    }
}
