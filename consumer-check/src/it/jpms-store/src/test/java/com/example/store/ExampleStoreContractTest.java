package com.example.store;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.tck.PasskeyStoreContract;

/** All a store author writes to run the whole contract. */
class ExampleStoreContractTest extends PasskeyStoreContract {

    @Override
    protected PasskeyStore createStore() {
        return ExampleStores.create();
    }
}
