package com.example.app;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.InMemoryPasskeyStore;

/** A host's wiring, in a named module. */
public final class App {

    private App() {
    }

    /** @return the facade on the in-memory store */
    public static Passkeys passkeys() {
        return Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com"))
                .build();
    }
}
