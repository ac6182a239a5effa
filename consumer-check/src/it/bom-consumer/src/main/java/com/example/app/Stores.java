package com.example.app;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import javax.sql.DataSource;

/** A host's wiring, compiled against the artifacts the BOM manages. */
public final class Stores {

    private Stores() {
    }

    /**
     * @param dataSource the host's database
     * @return the facade on the JDBC store
     */
    public static Passkeys passkeys(DataSource dataSource) {
        return Passkeys.builder()
                .store(JdbcPasskeyStore.builder(dataSource).build())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com"))
                .build();
    }
}
