package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web demo: the JDK's HTTP server, a router, and the library behind it. {@link #start} binds,
 * opens the database and serves; {@link #close} stops serving, waits for the calls in flight and
 * closes the database.
 */
public final class DemoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServer.class);

    /** The organisation (ZITADEL's resource owner) every demo user belongs to. */
    static final String ORGANISATION = "100000000000000001";

    /**
     * The registration link, after the origin: the {@code /register} page reads the user, code id and
     * code from it (ZITADEL's {@code _link} shape).
     */
    static final String REGISTER_LINK = "/register?userID={{.UserID}}&orgID={{.OrgID}}&codeID={{.CodeID}}&code={{.Code}}";

    /** How often expired ceremonies and session tokens are deleted. */
    private static final long PURGE_MINUTES = 5;

    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService purge;
    private final Database database;
    private final URI uri;
    private final String origin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DemoServer(HttpServer http, ExecutorService workers, ScheduledExecutorService purge, Database database,
            URI uri, String origin) {
        this.http = http;
        this.workers = workers;
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
        configureJdkHttpServer();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(options.bind()), options.port()), 0);
        Database database;
        try {
            database = Database.open(options.jdbcUrl(), options.jdbcUser().orElse(null), options.jdbcPassword().orElse(null));
        } catch (RuntimeException e) {
            http.stop(0);
            throw new IllegalStateException("cannot open the database " + Database.describe(options.jdbcUrl())
                    + (options.jdbcUrl().startsWith("jdbc:h2:file:") ? " (is another demo using it?)"
                            : " (is it running, and are --jdbc-url, --jdbc-user and --jdbc-password right?)"), e);
        }
        ExecutorService workers = null;
        ScheduledExecutorService purge = null;
        try {
            int port = http.getAddress().getPort();
            String origin = options.origin().orElse("http://localhost:" + port);

            String linkTemplate = origin + REGISTER_LINK;
            Passkeys passkeys = Passkeys.builder()
                    .store(database.passkeyStore())
                    .relyingParty(RelyingPartyConfig.of(options.rpId(), "passkey4j demo", origin))
                    .clock(clock)
                    .registrationLinkTemplate(linkTemplate)
                    .registrationLinkNotifier(new ConsoleNotifier(console))
                    .build();
            DemoAccounts accounts = new DemoAccounts(database.dataSource(), clock, IdGenerator.random(),
                    ORGANISATION);
            accounts.createSchema();
            SignInSessions sessions = new SignInSessions(database.dataSource(), clock, IdGenerator.random());
            sessions.createSchema();

            ObjectMapper json = new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            Router<Endpoint> router = new Router<>();
            new SignUpApi(accounts).routes(router);
            new PasskeyApi(passkeys, accounts::user, clock, json, linkTemplate).routes(router);
            new SessionApi(passkeys, accounts, sessions, ORGANISATION, json).routes(router);
            new StaticPage(origin, options.rpId()).routes(router);

            workers = Executors.newFixedThreadPool(16, named("demo-http", false));
            http.setExecutor(workers);
            http.createContext("/", new Dispatcher(router, new Dispatcher.Bearers() {
                @Override
                public Optional<String> userIdForToken(String token) {
                    return accounts.userIdForToken(token).or(() -> sessions.userIdForToken(token));
                }

                @Override
                public boolean isSessionToken(String sessionId, String token) {
                    return sessions.isCurrentToken(sessionId, token);
                }
            }, json));

            purge = Executors.newSingleThreadScheduledExecutor(named("demo-purge", true));
            purge.scheduleWithFixedDelay(() -> purge(passkeys, accounts, sessions), PURGE_MINUTES, PURGE_MINUTES,
                    TimeUnit.MINUTES);

            http.start();
            URI uri = URI.create("http://localhost:" + port);
            LOG.info("passkey4j demo on {} (RP id {}, origin {}), database {}", uri, options.rpId(), origin,
                    database.description());
            return new DemoServer(http, workers, purge, database, uri, origin);
        } catch (SQLException | RuntimeException e) {
            http.stop(0);
            if (workers != null) {
                workers.shutdownNow();
            }
            if (purge != null) {
                purge.shutdownNow();
            }
            database.close();
            if (e instanceof SQLException sql) {
                throw new IllegalStateException("the demo's tables cannot be created: " + sql.getMessage(), sql);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * The JDK server's settings, read once when its first instance is made: no Nagle delay (else small
     * responses wait about 40 ms); after a 413 it discards at most 4 MiB more of the body before closing,
     * so that clients which send eagerly (curl, Java's HttpClient) read the answer instead of a reset;
     * and a request or response that takes over a minute is cut off, so a stalled client cannot hold
     * a worker thread. A value given on the command line ({@code -Dsun.net.httpserver...}) is kept.
     */
    private static void configureJdkHttpServer() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.drainAmount", Long.toString(4L * Dispatcher.MAX_BODY_BYTES));
        setIfAbsent("sun.net.httpserver.maxReqTime", "60");
        setIfAbsent("sun.net.httpserver.maxRspTime", "60");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
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

    /** Stops serving, lets the calls in flight finish (at most a few seconds), closes the database. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(1);
        purge.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        database.close();
        LOG.info("passkey4j demo stopped");
    }

    private static void purge(Passkeys passkeys, DemoAccounts accounts, SignInSessions signIns) {
        try {
            int ceremonies = passkeys.purgeExpired();
            int sessions = accounts.purgeExpiredSessions() + signIns.purgeExpired();
            LOG.debug("purged {} expired ceremonies and codes, {} expired sessions", ceremonies, sessions);
        } catch (RuntimeException e) {
            LOG.warn("purging expired data failed; trying again in {} minutes: {}", PURGE_MINUTES, e.toString());
        }
    }

    private static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
