package com.example.store;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;

/** The store this module offers: here the SPI's in-memory store, reached through the module path. */
public final class ExampleStores {

    private ExampleStores() {
    }

    /** @return a new store */
    public static PasskeyStore create() {
        return new InMemoryPasskeyStore();
    }
}
