/**
 * The storage SPI of passkey4j (artifact {@code io.github.passkey4j:passkey-store-spi}).
 *
 * <p>{@link io.github.passkey4j.store.PasskeyStore} is what the library asks of a database: specific
 * calls (insert a passkey, which fails on a duplicate credential id; compare-and-set of the signature
 * counter; an atomic, single-use take of a pending ceremony or a registration code), each one
 * transaction, each appending an event with the user's next sequence number. Its values are immutable
 * records validated when made; binary data is {@link io.github.passkey4j.store.Bytes}.
 *
 * <p>{@link io.github.passkey4j.store.InMemoryPasskeyStore} keeps everything in memory, thread-safe,
 * for tests and single-process demos. {@code passkey-store-jdbc} stores in a SQL database. A store of
 * your own passes the contract suite of {@code passkey-store-tck}.
 */
package io.github.passkey4j.store;
