/**
 * The storage SPI of passkey4j: {@link io.github.passkey4j.store.PasskeyStore}, its value records and
 * the in-memory store.
 */
module io.github.passkey4j.store {
    exports io.github.passkey4j.store;
}
