package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import java.net.ServerSocket;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An H2 server (TCP mode, file database) that stops and starts again under a running store. */
class H2ServerOutageTest {

    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void whenTheServerStopsThenEveryCallIsUnavailableAndWhenItIsBackTheStoreWorksWithNothingLost() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String[] args = {"-tcpPort", Integer.toString(port), "-baseDir", "./target/h2-server", "-ifNotExists"};
        server = Server.createTcpServer(args).start();
        TestDatabase db = TestDatabases.h2("H2 server", "jdbc:h2:tcp://127.0.0.1:" + port + "/outage");
        db.freshSchema("outage_");
        PasskeyStore store = db.store("outage_");
        Outages.Before before = new Outages.Before(store);

        server.stop();
        Outages.assertEveryCallUnavailable(store, before);

        server = Server.createTcpServer(args).start();
        Outages.assertWorksAgainWithNothingLostOrHalfWritten(store, before);
    }
}
