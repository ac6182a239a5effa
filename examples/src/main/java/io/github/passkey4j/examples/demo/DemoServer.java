package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.RateLimits;
import io.github.passkey4j.PasskeyEndpoints;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web demo: Jetty (its core handler API, no servlets), a router, and the library behind it.
 * {@link #start} binds, opens the database and serves; {@link #close} stops accepting, lets the
 * requests in flight finish (up to the stop timeout) and closes the database.
 *
 * <p>Made for the open internet: request headers are parsed by Jetty's selectors without holding a
 * thread; the server's bounds are {@link DemoJetty}'s (headers, and then the body, within the request
 * timeout, 8 KiB of headers, the connection cap; the Spring Boot sample keeps the same ones); a body is
 * at most 1 MiB (413); the routes that need no bearer are rate limited ({@link RateLimits}). Every
 * answer, Jetty's own too, has the seed's error body.
 */
public final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    /** The organisation (ZITADEL's resource owner) every demo user belongs to. */
    static final String ORGANISATION = DemoApiHost.ORGANISATION;

    /**
     * The registration link, after the origin: the {@code /register} page reads the user, code id and
     * code from it (ZITADEL's {@code _link} shape).
     */
    static final String REGISTER_LINK = DemoApiHost.REGISTER_LINK;

    /**
     * What tests tune beyond the command line.
     *
     * @param rateLimits the rate limits when they are on
     * @param purgeInterval how often expired ceremonies, codes and sessions are deleted
     * @param ceremonyTimeout how long a browser may take for a ceremony (the library's timeout)
     * @param ceremonyGrace how much longer the library accepts an answer
     */
    record Tuning(RateLimits.Config rateLimits, Duration purgeInterval, Duration ceremonyTimeout, Duration ceremonyGrace) {
        /** The defaults: {@link RateLimits.Config#DEFAULTS}, a purge every 5 minutes, the library's 60 s + 30 s. */
        static final Tuning DEFAULTS = new Tuning(RateLimits.Config.DEFAULTS, Duration.ofMinutes(5),
                Duration.ofSeconds(60), Duration.ofSeconds(30));

        Tuning withRateLimits(RateLimits.Config limits) {
            return new Tuning(limits, purgeInterval, ceremonyTimeout, ceremonyGrace);
        }
    }

    private final Server jetty;
    private final DemoJetty bounds;
    private final ScheduledExecutorService purge;
    private final Database database;
    private final URI uri;
    private final String origin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServer(Server jetty, DemoJetty bounds, ScheduledExecutorService purge, Database database, URI uri,
            String origin) {
        this.jetty = jetty;
        this.bounds = bounds;
        this.purge = purge;
        this.database = database;
        this.uri = uri;
        this.origin = origin;
    }

    /**
     * Starts the demo.
     *
     * @param options the command line
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    public static DemoServer start(DemoOptions options) throws IOException {
        return start(options, Clock.systemUTC());
    }

    /**
     * Starts the demo on a clock of the caller's (tests move it).
     *
     * @param options the command line
     * @param clock the time source of the library and of the demo's sessions
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options, Clock clock) throws IOException {
        return start(options, clock, System.out);
    }

    /**
     * Starts the demo on a clock of the caller's, printing registration links to a console of the
     * caller's (tests read the links there).
     *
     * @param options the command line
     * @param clock the time source of the library and of the demo's sessions
     * @param console where the demo's notifier prints registration links (standard output when run)
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options, Clock clock, PrintStream console) throws IOException {
        return start(options, clock, console, Tuning.DEFAULTS);
    }

    /**
     * Starts the demo with settings beyond the command line (tests).
     *
     * @param options the command line
     * @param clock the time source of the library and of the demo's sessions
     * @param console where the demo's notifier prints registration links
     * @param tuning rate limits, purge interval, ceremony lifetime
     * @return the running server
     * @throws IOException when the port cannot be bound
     */
    static DemoServer start(DemoOptions options, Clock clock, PrintStream console, Tuning tuning) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName("demo-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // the router reads the raw path; "//" and "%2F" are no ambiguity to it (they match no route)
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        DemoJetty bounds = DemoJetty.install(jetty, connector, DemoJetty.Bounds.of(options));
        jetty.addConnector(connector);
        jetty.setStopTimeout(options.stopTimeout().toMillis());
        jetty.setStopAtShutdown(false);
        try {
            connector.open();
        } catch (IOException e) {
            bounds.close();
            throw e instanceof BindException ? e : new BindException(e.getMessage());
        }

        Database database;
        try {
            database = Database.open(options.jdbcUrl(), options.jdbcUser().orElse(null), options.jdbcPassword().orElse(null));
        } catch (RuntimeException e) {
            closeQuietly(connector, bounds);
            throw new IllegalStateException("cannot open the database " + Database.describe(options.jdbcUrl())
                    + (options.jdbcUrl().startsWith("jdbc:h2:file:") ? " (is another demo using it?)"
                            : " (is it running, and are --jdbc-url, --jdbc-user and --jdbc-password right?)"), e);
        }
        ScheduledExecutorService purge = null;
        try {
            int port = connector.getLocalPort();
            String origin = options.origin().orElse("http://localhost:" + port);

            RelyingPartyConfig relyingParty = new RelyingPartyConfig(options.rpId(), "passkey4j demo", java.util.Set.of(origin),
                    java.util.Set.copyOf(options.relatedOrigins()));
            PasskeyEndpoints endpoints = PasskeyEndpoints.of(options.enrollUrl().orElse(origin + "/"),
                    options.manageUrl().orElse(origin + "/"));
            DemoApiHost host = DemoApiHost.open(database.dataSource(), clock, options.sessionLifetime());
            Passkeys passkeys = host.demoSettings(Passkeys.builder(), origin, console, options.providerNames(),
                            options.tenants())
                    .store(database.passkeyStore())
                    .relyingParty(relyingParty)
                    .clock(clock)
                    .timeout(tuning.ceremonyTimeout())
                    .grace(tuning.ceremonyGrace())
                    .build();
            host.serve(passkeys, host.passkeyRoutes(passkeys, clock, origin), origin, options.rpId(),
                    Optional.of(java.util.Map.entry(relyingParty, endpoints)),
                    options.rateLimit() ? Optional.of(new RateLimits(tuning.rateLimits())) : Optional.empty());
            DemoApi api = host.api();
            jetty.setHandler(new GracefulHandler(bounds.wrap(new Dispatcher(api, options.trustForwardedFor()))));

            purge = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-purge");
                t.setDaemon(true);
                return t;
            });
            long every = tuning.purgeInterval().toMillis();
            purge.scheduleWithFixedDelay(() -> purge(passkeys, host, tuning.purgeInterval()), every, every,
                    TimeUnit.MILLISECONDS);

            jetty.start();
            URI uri = URI.create("http://localhost:" + port);
            LOG.info("passkey4j demo on {} (RP id {}, origin {}), database {}; rate limits {}", uri, options.rpId(), origin,
                    database.description(), options.rateLimit() ? "on" : "off");
            return new DemoServer(jetty, bounds, purge, database, uri, origin);
        } catch (Exception e) {
            try {
                jetty.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            closeQuietly(connector, bounds);
            if (purge != null) {
                purge.shutdownNow();
            }
            database.close();
            if (e instanceof SQLException sql) {
                throw new IllegalStateException("the demo's tables cannot be created: " + sql.getMessage(), sql);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the demo cannot start: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerConnector connector, DemoJetty bounds) {
        connector.close();
        bounds.close();
    }

    /** @return {@code http://localhost:PORT} */
    public URI uri() {
        return uri;
    }

    /** @return the port it listens on */
    public int port() {
        return uri.getPort();
    }

    /** @return the origin passkeys are created on */
    public String origin() {
        return origin;
    }

    /** @return the connections open now (tests) */
    int openConnections() {
        return bounds.openConnections();
    }

    /**
     * Stops accepting, lets the requests in flight finish (at most the stop timeout; new requests on
     * open connections get 503 meanwhile), closes the connections and then the database.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        purge.shutdownNow();
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server: {}", e.toString());
        }
        bounds.close();
        database.close();
        LOG.info("passkey4j demo stopped");
    }

    private static void purge(Passkeys passkeys, DemoApiHost host, Duration every) {
        try {
            int ceremonies = passkeys.purgeExpired();
            int sessions = host.purgeExpired();
            LOG.debug("purged {} expired ceremonies and codes, {} expired sessions", ceremonies, sessions);
        } catch (RuntimeException e) {
            LOG.warn("purging expired data failed; trying again in {}: {}", every, e.toString());
        }
    }
}
