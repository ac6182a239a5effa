package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.RegistrationCodeContract;
import io.github.passkey4j.store.PasskeyStore;
import org.junit.jupiter.api.BeforeAll;

/** The library's {@link RegistrationCodeContract}, unchanged, through {@code Passkeys} on H2. */
class H2RegistrationCodeTest extends RegistrationCodeContract {

    private static final String PREFIX = "lib_";
    private static TestDatabase db;

    @BeforeAll
    static void freshSchema() {
        db = TestDatabases.h2File("library");
        db.freshSchema(PREFIX);
    }

    @Override
    protected PasskeyStore createStore() {
        return db.store(PREFIX);
    }
}
