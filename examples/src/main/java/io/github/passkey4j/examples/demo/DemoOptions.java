package io.github.passkey4j.examples.demo;

import java.time.Duration;
import java.util.Locale;
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
 * @param requestTimeout how long a request's headers, and then its body, may take to arrive: 408 or
 *     the connection closed after that
 * @param idleTimeout how long a connection may stay silent
 * @param maxConnections how many connections are served at once; one more is refused at once
 * @param rateLimit whether the routes that need no bearer are rate limited
 * @param trustForwardedFor whether the rate limits key on the last address of {@code X-Forwarded-For}
 *     (behind a proxy that sets it) instead of the connection's address
 * @param sessionLifetime how long a sign-up's token and a signed-in session stay valid
 * @param stopTimeout how long a stop waits for the requests in flight
 * @param relatedOrigins origins on other domains that may use the RP id (served in
 *     {@code /.well-known/webauthn}); usually none
 * @param enrollUrl where password managers send a user to add a passkey; the page's own when empty
 * @param manageUrl where password managers send a user to manage passkeys; the page's own when empty
 * @param providerNames a file of provider names and icons (the community list's format) shown in the
 *     list, before the bundled names; empty for the bundled names alone (no icons)
 * @param tenants a file of further relying parties ({@code {"<rp id>": {"name", "origins": [...]}}}),
 *     read again when it changes; empty for the demo's own relying party alone
 */
public record DemoOptions(String bind, int port, String rpId, Optional<String> origin, String jdbcUrl,
        Optional<String> jdbcUser, Optional<String> jdbcPassword, Duration requestTimeout, Duration idleTimeout,
        int maxConnections, boolean rateLimit, boolean trustForwardedFor, Duration sessionLifetime,
        Duration stopTimeout, java.util.List<String> relatedOrigins, Optional<String> enrollUrl,
        Optional<String> manageUrl, Optional<String> providerNames, Optional<String> tenants) {

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
              --request-timeout T   a request's headers, then its body, must arrive within T
                                    (default 10s; else 408 or the connection is closed)
              --idle-timeout T      a silent connection is closed after T (default 30s)
              --max-connections N   connections served at once; more are refused at once (default 1000)
              --rate-limit on|off   rate limits of sign-up, sign-in and codes (default on; off for load tests)
              --trust-forwarded-for the rate limits key on X-Forwarded-For (only behind a proxy that sets it)
              --session-lifetime T  how long a session token is valid (default 7d)
              --stop-timeout T      how long a stop waits for requests in flight (default 10s)
              --related-origins L   comma-separated origins on other domains that may use the RP id
                                    (served at /.well-known/webauthn; default none)
              --enroll-url URL      /.well-known/passkey-endpoints' enroll (default: the page)
              --manage-url URL      /.well-known/passkey-endpoints' manage (default: the page)
              --provider-names FILE provider names and icons by AAGUID, in the format of the community
                                    list passkey-authenticator-aaguids (default: its names, no icons)
              --tenants FILE        further relying parties, {"<rp id>": {"name": "...", "origins": [...]}},
                                    read again when the file changes (the v2 "domain" names one)
              --help                this text
            T is a number with a unit: 500ms, 10s, 5m, 12h, 7d""";

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
        positive("--request-timeout", requestTimeout);
        positive("--idle-timeout", idleTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be at least 1: " + maxConnections);
        }
        positive("--session-lifetime", sessionLifetime);
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("--stop-timeout must not be negative: " + stopTimeout);
        }
        relatedOrigins = java.util.List.copyOf(relatedOrigins);
        Objects.requireNonNull(enrollUrl, "enrollUrl");
        Objects.requireNonNull(manageUrl, "manageUrl");
        Objects.requireNonNull(providerNames, "providerNames");
        Objects.requireNonNull(tenants, "tenants");
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** @return the defaults: 127.0.0.1:8080, RP id localhost, the H2 file database, the limits above */
    public static DemoOptions defaults() {
        return new DemoOptions("127.0.0.1", 8080, "localhost", Optional.empty(), Database.DEFAULT_URL,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(30), 1000, true, false,
                Duration.ofDays(7), Duration.ofSeconds(10), java.util.List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /**
     * @param args {@code --name value} or {@code --name=value}; {@code --trust-forwarded-for} needs no value
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
            switch (name) {
                case "--port", "--origin", "--rp-id", "--jdbc-url", "--jdbc-user", "--jdbc-password", "--bind",
                        "--request-timeout", "--idle-timeout", "--max-connections", "--rate-limit", "--session-lifetime",
                        "--stop-timeout", "--related-origins", "--enroll-url", "--manage-url", "--provider-names", "--tenants":
                    break;
                case "--trust-forwarded-for":
                    if (value == null) {
                        value = "true";
                    }
                    break;
                default:
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
        String b = bind;
        int p = port;
        String r = rpId;
        Optional<String> or = origin;
        String url = jdbcUrl;
        Optional<String> user = jdbcUser;
        Optional<String> pw = jdbcPassword;
        Duration request = requestTimeout;
        Duration idle = idleTimeout;
        int max = maxConnections;
        boolean limit = rateLimit;
        boolean forwarded = trustForwardedFor;
        Duration session = sessionLifetime;
        Duration stop = stopTimeout;
        java.util.List<String> related = relatedOrigins;
        Optional<String> enroll = enrollUrl;
        Optional<String> manage = manageUrl;
        Optional<String> names = providerNames;
        Optional<String> tenantFile = tenants;
        switch (name) {
            case "--port" -> p = number(name, value);
            case "--origin" -> or = Optional.of(stripSlash(value));
            case "--rp-id" -> r = value;
            case "--jdbc-url" -> url = value;
            case "--jdbc-user" -> user = Optional.of(value);
            case "--jdbc-password" -> pw = Optional.of(value);
            case "--request-timeout" -> request = duration(name, value);
            case "--idle-timeout" -> idle = duration(name, value);
            case "--max-connections" -> max = number(name, value);
            case "--rate-limit" -> limit = onOff(name, value);
            case "--trust-forwarded-for" -> forwarded = onOff(name, value);
            case "--session-lifetime" -> session = duration(name, value);
            case "--stop-timeout" -> stop = duration(name, value);
            case "--related-origins" -> related = java.util.Arrays.stream(value.split(",")).map(String::strip)
                    .filter(v -> !v.isEmpty()).toList();
            case "--enroll-url" -> enroll = Optional.of(value);
            case "--manage-url" -> manage = Optional.of(value);
            case "--provider-names" -> names = Optional.of(value);
            case "--tenants" -> tenantFile = Optional.of(value);
            default -> b = value;
        }
        return new DemoOptions(b, p, r, or, url, user, pw, request, idle, max, limit, forwarded, session, stop, related,
                enroll, manage, names, tenantFile);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number: " + value);
        }
    }

    private static boolean onOff(String name, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes":
                return true;
            case "off", "false", "no":
                return false;
            default:
                throw new IllegalArgumentException(name + " must be on or off: " + value);
        }
    }

    /**
     * @param name the option, for the message
     * @param value {@code 500ms}, {@code 10s}, {@code 5m}, {@code 12h} or {@code 7d}
     * @return the duration
     */
    static Duration duration(String name, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            switch (v.charAt(v.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // below
        }
        throw new IllegalArgumentException(name + " must be a number with a unit (ms, s, m, h, d): " + value);
    }

    /**
     * @param port the demo's port
     * @return this with another port
     */
    public DemoOptions withPort(int port) {
        return with("--port", Integer.toString(port));
    }

    /**
     * @param url a JDBC URL
     * @return this with another database
     */
    public DemoOptions withJdbcUrl(String url) {
        return with("--jdbc-url", url);
    }

    /**
     * @param file a file of provider names and icons
     * @return this with it
     */
    public DemoOptions withProviderNames(String file) {
        return with("--provider-names", file);
    }

    /**
     * @param file a file of further relying parties
     * @return this with it
     */
    public DemoOptions withTenants(String file) {
        return with("--tenants", file);
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }

    @Override
    public String toString() {
        return "DemoOptions[bind=" + bind + ", port=" + port + ", rpId=" + rpId + ", origin=" + origin
                + ", jdbcUrl=" + jdbcUrl + ", jdbcUser=" + jdbcUser + ", jdbcPassword=" + jdbcPassword.map(p -> "***")
                + ", requestTimeout=" + requestTimeout + ", idleTimeout=" + idleTimeout + ", maxConnections="
                + maxConnections + ", rateLimit=" + rateLimit + ", trustForwardedFor=" + trustForwardedFor
                + ", sessionLifetime=" + sessionLifetime + ", stopTimeout=" + stopTimeout + ", relatedOrigins="
                + relatedOrigins + ", enrollUrl=" + enrollUrl + ", manageUrl=" + manageUrl + ", providerNames=" + providerNames + ", tenants="
                + tenants + "]";
    }
}
