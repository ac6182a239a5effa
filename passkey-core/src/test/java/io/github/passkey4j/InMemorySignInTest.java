package io.github.passkey4j;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;

class InMemorySignInTest extends SignInContract {
    @Override
    protected PasskeyStore createStore() {
        return new InMemoryPasskeyStore();
    }
}
