package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.PasskeyStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The network between the store and MariaDB is cut and restored (the shared MariaDB server keeps running, so the
 * outage is made by a TCP proxy on loopback in between).
 */
class MariaDbOutageTest {

    @Test
    void whenTheNetworkIsCutThenEveryCallIsUnavailableAndWhenItIsBackTheStoreWorksWithNothingLost() {
        TestDatabase mariaDb = TestDatabases.mariaDb();
        mariaDb.freshSchema("outage_");
        String url = TestDatabases.mariaDbUrl();
        Matcher hostPort = Pattern.compile("//([^/:?]+)(?::(\\d+))?/").matcher(url);
        if (!hostPort.find()) {
            throw new AssertionError("cannot read host and port from " + url);
        }
        String host = hostPort.group(1);
        int port = hostPort.group(2) == null ? 3306 : Integer.parseInt(hostPort.group(2));
        try (TcpProxy proxy = new TcpProxy(host, port)) {
            String proxied = url.substring(0, hostPort.start()) + "//127.0.0.1:" + proxy.port() + "/"
                    + url.substring(hostPort.end());
            DataSource viaProxy = TestDatabases.mariaDbDataSource(proxied, TestDatabases.mariaDbUser(),
                    TestDatabases.mariaDbPassword());
            PasskeyStore store = JdbcPasskeyStore.builder(viaProxy).tablePrefix("outage_").database(Database.MYSQL)
                    .build();
            Outages.Before before = new Outages.Before(store);

            proxy.cut();
            Outages.assertEveryCallUnavailable(store, before);

            proxy.restore();
            Outages.assertWorksAgainWithNothingLostOrHalfWritten(store, before);
        }
    }
}
