package io.github.passkey4j.testing;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.store.PasskeyStore;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the library's suites that run unchanged on every store: a fresh {@link TestPasskeys} on
 * the store of {@link #createStore()} before each test.
 */
public abstract class PasskeysContract {

    /** The instance under test, with its store and clock. */
    protected TestPasskeys t;
    /** Shorthand for {@code t.passkeys}. */
    protected Passkeys passkeys;

    /** @return the store to run on; may share a database with earlier tests */
    protected abstract PasskeyStore createStore();

    /** @return the builder the instance is made from, with any settings the suite needs */
    protected Passkeys.Builder configure() {
        return Passkeys.builder();
    }

    @BeforeEach
    void createPasskeys() {
        t = new TestPasskeys(createStore(), configure());
        passkeys = t.passkeys;
    }
}
