package io.github.passkey4j.examples.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * The demo's command line.
 *
 * @param bind the address to listen on (loopback by default)
 * @param port the port, 0 for any free one
 * @param rpId the RP id passkeys are scoped to
 * @param origin the origin the browser shows; {@code http://localhost:PORT} when empty
 * @param jdbcUrl the database
 * @param jdbcUser its user, may be empty
 * @param jdbcPassword its password, may be empty
 */
public record DemoOptions(String bind, int port, String rpId, Optional<String> origin, String jdbcUrl,
        Optional<String> jdbcUser, Optional<String> jdbcPassword) {

    /** What {@code --help} prints. */
    public static final String USAGE = """
            usage: java -jar passkey4j-demo.jar [options]
              --port N              port to listen on (default 8080; 0 picks a free one)
              --origin URL          the origin the browser shows (default http://localhost:PORT)
              --rp-id DOMAIN        the RP id passkeys are scoped to (default localhost)
              --jdbc-url URL        database (default: an H2 file under ./data/)
                                    e.g. jdbc:postgresql://localhost:5432/passkeys
              --jdbc-user USER      database user
              --jdbc-password PW    database password
              --bind ADDRESS        address to listen on (default 127.0.0.1)
              --help                this text""";

    /** Validates the components. */
    public DemoOptions {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
        }
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--jdbc-url must be a JDBC URL (jdbc:...): " + jdbcUrl);
        }
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
    }

    /** @return the defaults: 127.0.0.1:8080, RP id localhost, the H2 file database */
    public static DemoOptions defaults() {
        return new DemoOptions("127.0.0.1", 8080, "localhost", Optional.empty(), Database.DEFAULT_URL,
                Optional.empty(), Optional.empty());
    }

    /**
     * @param args {@code --name value} or {@code --name=value}
     * @return the options
     * @throws IllegalArgumentException naming the option that is unknown, missing its value or wrong
     */
    public static DemoOptions parse(String... args) {
        DemoOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.equals("--port") && !name.equals("--origin") && !name.equals("--rp-id")
                    && !name.equals("--jdbc-url") && !name.equals("--jdbc-user") && !name.equals("--jdbc-password")
                    && !name.equals("--bind")) {
                throw new IllegalArgumentException("unknown option: " + name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            o = o.with(name, value);
        }
        return o;
    }

    private DemoOptions with(String name, String value) {
        switch (name) {
            case "--port":
                int p;
                try {
                    p = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--port must be a number: " + value);
                }
                return new DemoOptions(bind, p, rpId, origin, jdbcUrl, jdbcUser, jdbcPassword);
            case "--origin":
                return new DemoOptions(bind, port, rpId, Optional.of(stripSlash(value)), jdbcUrl, jdbcUser, jdbcPassword);
            case "--rp-id":
                return new DemoOptions(bind, port, value, origin, jdbcUrl, jdbcUser, jdbcPassword);
            case "--jdbc-url":
                return new DemoOptions(bind, port, rpId, origin, value, jdbcUser, jdbcPassword);
            case "--jdbc-user":
                return new DemoOptions(bind, port, rpId, origin, jdbcUrl, Optional.of(value), jdbcPassword);
            case "--jdbc-password":
                return new DemoOptions(bind, port, rpId, origin, jdbcUrl, jdbcUser, Optional.of(value));
            default:
                return new DemoOptions(value, port, rpId, origin, jdbcUrl, jdbcUser, jdbcPassword);
        }
    }

    /**
     * @param port the demo's port
     * @return this with another port
     */
    public DemoOptions withPort(int port) {
        return new DemoOptions(bind, port, rpId, origin, jdbcUrl, jdbcUser, jdbcPassword);
    }

    /**
     * @param url a JDBC URL
     * @return this with another database
     */
    public DemoOptions withJdbcUrl(String url) {
        return new DemoOptions(bind, port, rpId, origin, url, jdbcUser, jdbcPassword);
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    @Override
    public String toString() {
        return "DemoOptions[bind=" + bind + ", port=" + port + ", rpId=" + rpId + ", origin=" + origin
                + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", jdbcPassword=" + jdbcPassword.map(p -> "***") + "]";
    }
}
