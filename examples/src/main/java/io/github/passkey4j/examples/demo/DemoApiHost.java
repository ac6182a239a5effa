package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.RateLimits;
import io.github.passkey4j.web.WebError;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyEndpoints;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.ProviderNames;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.web.PasskeyRoutes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The web demo's HTTP API (the whole of {@code shared/API.md}: sign-up, password sign-in, sign-out,
 * passkeys, sessions, health, the page) for a server: the JDK demo's Jetty server, and the Spring Boot
 * sample, which serves the same routes with the same code. First {@link #open} the demo's users and
 * sessions on a database, then {@link #serve} the routes; a server calls {@link #unmatched} (404, 405)
 * before it reads the body with {@link io.github.passkey4j.web.RequestBodies#read} (else {@link #error}),
 * then {@link #handle}, and writes the {@link Answer}.
 */
public final class DemoApiHost {

    /** The organisation every demo user belongs to. */
    public static final String ORGANISATION = "100000000000000001";
    /** The registration link's path and query, after the origin, with the library's placeholders. */
    public static final String REGISTER_LINK = "/register?userID={{.UserID}}&orgID={{.OrgID}}&codeID={{.CodeID}}&code={{.Code}}";

    private final DataSource dataSource;
    private final DemoAccounts accounts;
    private final SignInSessions sessions;
    private final ObjectMapper json;
    private volatile DemoApi api;

    /**
     * An answer to write.
     *
     * @param status the HTTP status
     * @param headers every header (content type, security headers, the answer's own)
     * @param body the body
     */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
    }

    private DemoApiHost(DataSource dataSource, DemoAccounts accounts, SignInSessions sessions, ObjectMapper json) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.sessions = sessions;
        this.json = json;
    }

    /** @return the mapper the demo reads bodies with: no trailing tokens, no duplicate keys */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /**
     * The demo's users and sessions on a database; their tables are made when missing.
     *
     * @param dataSource the database
     * @param clock the time source
     * @param sessionLifetime how long a sign-up's token and a signed-in session are valid
     * @return the host, without routes yet
     * @throws SQLException when the tables cannot be made
     */
    public static DemoApiHost open(DataSource dataSource, Clock clock, Duration sessionLifetime) throws SQLException {
        DemoAccounts accounts = new DemoAccounts(dataSource, clock, IdGenerator.random(), ORGANISATION, sessionLifetime);
        accounts.createSchema();
        SignInSessions sessions = new SignInSessions(dataSource, clock, IdGenerator.random(), sessionLifetime);
        sessions.createSchema();
        return new DemoApiHost(dataSource, accounts, sessions, mapper());
    }

    /**
     * @param userId a user id
     * @return the demo user, as the library needs it
     */
    public Optional<PasskeyUser> user(String userId) {
        return accounts.user(userId);
    }

    /**
     * @param userId a user id
     * @return when the user last signed in with the password
     */
    public Optional<Instant> passwordVerifiedAt(String userId) {
        return accounts.passwordVerifiedAt(userId);
    }

    /**
     * @param token a bearer token
     * @return the user of a sign-up's token or a signed-in session's, when it is valid
     */
    public Optional<String> userIdForToken(String token) {
        return accounts.userIdForToken(token).or(() -> sessions.userIdForToken(token));
    }

    /**
     * Ends the sessions a removed passkey signed in.
     *
     * @param passkeyId the removed passkey
     */
    public void passkeyRemoved(String passkeyId) {
        sessions.endForPasskey(passkeyId);
    }

    /** @return how many expired tokens and sessions were deleted */
    public int purgeExpired() {
        return accounts.purgeExpiredSessions() + sessions.purgeExpired();
    }

    /**
     * The demo's settings of the library, whoever builds it: its users for the signals, PRF, registration
     * links printed on the console (the demo has no mailer), RSASSA-PSS and ML-DSA, and BouncyCastle's ECDSA
     * verification.
     *
     * @param builder the library's builder
     * @param origin the demo's origin, where registration links lead
     * @param console where registration links are printed
     * @return the builder
     */
    public Passkeys.Builder demoSettings(Passkeys.Builder builder, String origin, java.io.PrintStream console) {
        return builder
                .userLookup(this::user)
                .requestPrf(true)
                .registrationLinkTemplate(origin + REGISTER_LINK)
                .registrationLinkNotifier(new ConsoleNotifier(console))
                // PS256/384/512 and ML-DSA (BouncyCastle is on the demo's class path; Java 24+ has its own)
                .enablePss()
                .enableMlDsa()
                // the fastest ECDSA verification, for the demo's calls only
                .ecdsaVerifier(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }

    /**
     * {@link #demoSettings(Passkeys.Builder, String, java.io.PrintStream)} and the demo's two files: the
     * provider names and icons ({@code --provider-names}, else the bundled names), and the further relying
     * parties ({@code --tenants}, read again when the file changes).
     *
     * @param builder the library's builder
     * @param origin the demo's origin, where registration links lead
     * @param console where registration links are printed
     * @param providerNames a file of provider names and icons in the community list's format, if any
     * @param tenants a file of further relying parties, if any
     * @return the builder
     */
    public Passkeys.Builder demoSettings(Passkeys.Builder builder, String origin, java.io.PrintStream console,
            Optional<String> providerNames, Optional<String> tenants) {
        tenants.ifPresent(f -> builder.relyingPartyResolver(new TenantFile(java.nio.file.Path.of(f), json)));
        return demoSettings(builder, origin, console)
                .providerNames(providerNames
                        .map(f -> ProviderNames.fromJsonWithIcons(java.nio.file.Path.of(f)).orElse(ProviderNames.bundled()))
                        .orElse(ProviderNames.bundled()));
    }

    /**
     * The client's address for the rate limits: the connection's, or behind a trusted proxy the last
     * entry of {@code X-Forwarded-For} (the one that proxy added; entries before it are the client's word).
     *
     * @param trustForwardedFor whether a proxy that sets {@code X-Forwarded-For} is in front
     * @param forwardedFor the request's {@code X-Forwarded-For}, or null
     * @param connectionAddress the address of the connection's peer
     * @return the address the rate limits count under
     */
    public static String clientAddress(boolean trustForwardedFor, String forwardedFor, String connectionAddress) {
        if (trustForwardedFor && forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (!hop.isEmpty()) {
                    return hop;
                }
            }
        }
        return connectionAddress;
    }

    /**
     * The passkey routes with the demo's users, password sign-ins and sessions.
     *
     * @param passkeys the library
     * @param clock the time of list responses
     * @param origin the demo's origin
     * @return the routes
     */
    public PasskeyRoutes passkeyRoutes(Passkeys passkeys, Clock clock, String origin) {
        return PasskeyRoutes.builder(passkeys)
                .users(this::user)
                .clock(clock)
                .linkTemplate(origin + REGISTER_LINK)
                .onRemoved(this::passkeyRemoved)
                .defaultOrigin(origin)
                .passwordVerifiedAt(this::passwordVerifiedAt)
                .build();
    }

    /**
     * Serves every route of the demo.
     *
     * @param passkeys the library
     * @param passkeyRoutes the passkey routes ({@link #passkeyRoutes})
     * @param origin the demo's origin
     * @param rpId the RP id the page uses
     * @param wellKnown the related origins and passkey endpoints documents to serve, or empty when the
     *     server serves them itself
     * @param rateLimit whether the routes that need no bearer are rate limited (the defaults)
     * @return this
     */
    public DemoApiHost serve(Passkeys passkeys, PasskeyRoutes passkeyRoutes, String origin, String rpId,
            Optional<Map.Entry<RelyingPartyConfig, PasskeyEndpoints>> wellKnown, boolean rateLimit) {
        return serve(passkeys, passkeyRoutes, origin, rpId, wellKnown,
                rateLimit ? Optional.of(new RateLimits(RateLimits.Config.DEFAULTS)) : Optional.empty());
    }

    /**
     * Serves every route of the demo, with rate limits of the caller's: another host shares them with
     * its own routes, so that a client has one budget across both.
     *
     * @param passkeys the library
     * @param passkeyRoutes the passkey routes ({@link #passkeyRoutes})
     * @param origin the demo's origin
     * @param rpId the RP id the page uses
     * @param wellKnown the related origins and passkey endpoints documents to serve, or empty when the
     *     server serves them itself
     * @param limits the rate limits of the routes that need no bearer, empty when they are off
     * @return this
     */
    public DemoApiHost serve(Passkeys passkeys, PasskeyRoutes passkeyRoutes, String origin, String rpId,
            Optional<Map.Entry<RelyingPartyConfig, PasskeyEndpoints>> wellKnown, Optional<RateLimits> limits) {
        Router<Endpoint> router = new Router<>();
        new SignUpApi(accounts, sessions).routes(router);
        new PasskeyApi(passkeyRoutes).routes(router);
        new SessionApi(passkeys, accounts, sessions, ORGANISATION, json, origin).routes(router);
        new StaticPage(origin, rpId).routes(router);
        new HealthApi(dataSource).routes(router);
        wellKnown.ifPresent(w -> new WellKnownApi(w.getKey(), w.getValue()).routes(router));
        this.api = new DemoApi(router, new DemoApi.Bearers() {
            @Override
            public Optional<String> userIdForToken(String token) {
                return DemoApiHost.this.userIdForToken(token);
            }

            @Override
            public boolean isSessionToken(String sessionId, String token) {
                return sessions.isCurrentToken(sessionId, token);
            }
        }, json, limits);
        return this;
    }

    /** @return the server-free API, for the JDK demo's dispatcher */
    DemoApi api() {
        return Objects.requireNonNull(api, "serve() first");
    }

    /**
     * @param method the request's method
     * @param path its path
     * @return 404 or 405 (with {@code Allow}) when no route takes it; empty when one does
     */
    public Optional<Answer> unmatched(String method, String path) {
        Router.Match<Endpoint> match = api().match(method, path);
        return match instanceof Router.Found<Endpoint> ? Optional.empty() : Optional.of(answer(api().unmatched(match)));
    }

    /** @return the 404 of a path that is no route */
    public Answer notFound() {
        return answer(api().error(HttpError.notFound()));
    }

    /**
     * @param e the library's refusal (a lost database's 503)
     * @return its status and error body
     */
    public Answer refusal(io.github.passkey4j.PasskeyException e) {
        return answer(api().error(e.httpStatus(), e.toErrorBody(), Map.of()));
    }

    /**
     * @param refusal a refusal of the HTTP layer's (reading the body: 413, 408, 400)
     * @return its status, headers and error body
     */
    public Answer error(WebError refusal) {
        return answer(api().error(refusal));
    }

    /**
     * @param method the request's method
     * @param path its path
     * @param header the request's headers by name
     * @param clientAddress the client's address, for the rate limits
     * @param body the body, at most {@link io.github.passkey4j.web.RequestBodies#MAX_BYTES}
     * @return the answer
     */
    public Answer handle(String method, String path, Function<String, String> header, Supplier<String> clientAddress,
            byte[] body) {
        Router.Match<Endpoint> match = api().match(method, path);
        if (!(match instanceof Router.Found<Endpoint> found)) {
            return answer(api().unmatched(match));
        }
        return answer(api().call(method, found, header, clientAddress, body));
    }

    private static Answer answer(DemoApi.Reply reply) {
        return new Answer(reply.status(), DemoApi.responseHeaders(reply), reply.body());
    }
}
