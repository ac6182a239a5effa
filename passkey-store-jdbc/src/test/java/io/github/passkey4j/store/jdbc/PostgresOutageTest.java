package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A PostgreSQL server that stops and starts again under a running store (its own server, not the shared one). */
class PostgresOutageTest {

    private EmbeddedPostgres server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void whenTheServerStopsThenEveryCallIsUnavailableAndWhenItIsBackTheStoreWorksWithNothingLost() throws Exception {
        Path dataDirectory = Files.createTempDirectory("passkey4j-outage");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory.toFile())
                .setCleanDataDirectory(false).setPort(port);
        server = builder.start();
        TestDatabase db = TestDatabases.postgresOn(port, false);
        db.freshSchema("outage_");
        PasskeyStore store = db.store("outage_");
        PasskeyStore detecting = JdbcPasskeyStore.builder(db.newDataSource()).tablePrefix("outage_").build();
        Outages.Before before = new Outages.Before(store);

        server.close();
        Outages.assertEveryCallUnavailable(store, before);
        Outages.assertEveryCallUnavailable(detecting, before);

        server = builder.start();
        Outages.assertWorksAgainWithNothingLostOrHalfWritten(store, before);
        new File(dataDirectory.toFile(), "postmaster.pid").deleteOnExit();
    }
}
