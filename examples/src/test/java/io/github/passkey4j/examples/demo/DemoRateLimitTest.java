package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.RateLimits;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rate limits of the routes that need no bearer: per client address, and failed attempts per
 * address and per user or login name. The project's tests all come from 127.0.0.1, so most of these
 * give the server small limits of their own; one checks the defaults stop a loop on sign-in begin. On
 * the Spring sample the registration-code routes are the starter's, limited through its
 * {@code PasskeyRateLimiter} on the same budget as the demo's own routes.
 */
class DemoRateLimitTest {

    private static final RateLimits.Config SMALL = new RateLimits.Config(20, 10, 3, Duration.ofMinutes(1), 1000);

    private static DemoHost start(RateLimits.Config limits, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", "0",
                "--jdbc-url", "jdbc:h2:mem:limits-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        all.addAll(List.of(args));
        return DemoHost.start(DemoOptions.parse(all.toArray(String[]::new)), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                DemoServer.Tuning.DEFAULTS.withRateLimits(limits));
    }

    private static void assertLimited(Response r, String id) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("code").asInt()).isEqualTo(8);
        assertThat(r.json().at("/details/0/id").asText()).isEqualTo(id);
        assertThat(r.json().at("/details/0/@type").asText()).isEqualTo("type.googleapis.com/zitadel.v1.ErrorDetail");
        assertThat(r.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    @Test
    void whenOneClientLoopsOnSignInBeginThenTheDefaultsThrottleItWithinAFewHundredRequests() throws IOException {
        try (DemoHost server = start(RateLimits.Config.DEFAULTS)) {
            ApiClient api = new ApiClient(server.uri());
            int answered = 0;
            Response last = null;
            while (answered < 400) {
                last = api.post("/v2/sessions", null, Ceremonies.beginBody(null));
                answered++;
                if (last.status() != 200) {
                    break;
                }
            }

            assertLimited(last, "PASSKEY-RATE-LIMITED");
            assertThat(answered).isEqualTo(RateLimits.Config.DEFAULTS.requestsPerAddress() + 1);
            // the health checks and the signed-in routes are not limited
            assertThat(api.send("GET", "/readyz", null, null).status()).isEqualTo(200);
            assertThat(api.send("GET", "/healthz", null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void whenTheAddressHasUsedItsRequestsThenSignUpSignInAndCodesAre429ButBearerRoutesAndHealthAreNot() throws IOException {
        try (DemoHost server = start(SMALL)) {
            ApiClient api = new ApiClient(server.uri());
            User user = api.signUp("limits-" + UUID.randomUUID() + "@acme.test");
            for (int i = 1; i < SMALL.requestsPerAddress(); i++) {
                assertThat(api.post("/v2/sessions", null, Ceremonies.beginBody(null)).status()).isEqualTo(200);
            }

            assertLimited(api.post("/v2/sessions", null, Ceremonies.beginBody(null)), "PASSKEY-RATE-LIMITED");
            assertLimited(api.post("/demo/users", null, Map.of("loginName", "x@acme.test")), "PASSKEY-RATE-LIMITED");
            assertLimited(api.post(user.passkeys(), null, Map.of("code", Map.of("id", "1", "code", "x"))), "PASSKEY-RATE-LIMITED");
            assertLimited(api.patch("/v2/sessions/1", "token", Map.of()), "PASSKEY-RATE-LIMITED");
            assertThat(api.post(user.passkeys(), user.token(), Map.of()).status()).as("with a bearer").isEqualTo(200);
            assertThat(api.post(user.passkeys() + "/_search", user.token(), Map.of()).status()).isEqualTo(200);
            assertThat(api.send("GET", "/readyz", null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void whenTheLimitIsReachedThen404405And413StillComeFirstAnd429BeforeTheBearerAndTheBody() throws IOException {
        try (DemoHost server = start(SMALL)) {
            ApiClient api = new ApiClient(server.uri());
            for (int i = 0; i < SMALL.requestsPerAddress(); i++) {
                api.post("/v2/sessions", null, Ceremonies.beginBody(null));
            }
            String big = "{}" + " ".repeat(1024 * 1024 + 10);

            assertThat(api.send("POST", "/v2/nope", null, "{}").status()).isEqualTo(404);
            assertThat(api.send("PUT", "/v2/sessions", null, "{}").status()).isEqualTo(405);
            assertThat(api.send("POST", "/v2/sessions", null, big).status()).isEqualTo(413);
            assertLimited(api.send("POST", "/v2/sessions", null, "{"), "PASSKEY-RATE-LIMITED");
            assertLimited(api.send("PATCH", "/v2/sessions/1", null, "{}"), "PASSKEY-RATE-LIMITED");
        }
    }

    @Test
    void whenANameHasTooManyFailedAttemptsThenItWaitsBrieflyWhileOtherNamesAndLaterTriesGoThrough() throws Exception {
        RateLimits.Config shortPeriod = new RateLimits.Config(1000, 1000, 3, Duration.ofSeconds(2), 1000);
        try (DemoHost server = start(shortPeriod)) {
            ApiClient api = new ApiClient(server.uri());
            String loginName = "target-" + UUID.randomUUID() + "@acme.test";
            User user = api.signUp(loginName);
            Ceremonies.Registered passkey = Ceremonies.register(api, server.origin(), user, "Laptop");
            String code = "{\"code\": {\"id\": \"914569265367089152\", \"code\": \"WRONGWRONGWRONG2\"}}";
            for (int i = 0; i < 3; i++) {
                assertThat(api.send("POST", user.passkeys(), null, code).status()).isEqualTo(400);
            }

            Response limited = api.send("POST", user.passkeys(), null, code);
            Response signInForName = api.post("/v2/sessions", null, Ceremonies.beginBody(loginName.toUpperCase()));
            Response otherName = api.post("/v2/sessions", null, Ceremonies.beginBody("nobody-" + UUID.randomUUID() + "@acme.test"));

            assertLimited(limited, "PASSKEY-TOO-MANY-FAILURES");
            assertLimited(signInForName, "PASSKEY-TOO-MANY-FAILURES");
            assertThat(otherName.status()).as("another name is not slowed down").isEqualTo(404);
            long wait = Long.parseLong(limited.header("Retry-After").orElseThrow());
            assertThat(wait).isLessThanOrEqualTo(2);

            Thread.sleep(wait * 1000 + 200);
            Response later = Ceremonies.signIn(api, server.origin(), passkey.authenticator(), loginName);
            assertThat(later.status()).as("the real user gets in after a short wait").isEqualTo(200);
        }
    }

    @Test
    void whenAnAddressHasTooManyFailedAttemptsThenItsNextAttemptIs429() throws IOException {
        try (DemoHost server = start(SMALL)) {
            ApiClient api = new ApiClient(server.uri());
            for (int i = 0; i < SMALL.failuresPerAddress(); i++) {
                assertThat(api.post("/v2/sessions", null, Ceremonies.beginBody("probe-" + i + "@acme.test")).status())
                        .isEqualTo(404);
            }

            assertLimited(api.post("/v2/sessions", null, Ceremonies.beginBody(null)), "PASSKEY-TOO-MANY-FAILURES");
        }
    }

    @Test
    void whenRateLimitsAreOffThenALoopIsNeverRefused() throws IOException {
        try (DemoHost server = start(SMALL, "--rate-limit=off")) {
            ApiClient api = new ApiClient(server.uri());
            for (int i = 0; i < SMALL.requestsPerAddress() * 2; i++) {
                assertThat(api.post("/v2/sessions", null, Ceremonies.beginBody(null)).status()).isEqualTo(200);
            }
            for (int i = 0; i < SMALL.failuresPerName() * 2; i++) {
                assertThat(api.post("/v2/sessions", null, Ceremonies.beginBody("nobody@acme.test")).status()).isEqualTo(404);
            }
        }
    }

    private static int beginWithForwardedFor(URI base, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v2/sessions"))
                .POST(HttpRequest.BodyPublishers.ofString(Ceremonies.beginBody(null).toString()));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void whenForwardedForIsTrustedThenEachForwardedClientHasItsOwnLimitAndOtherwiseTheHeaderIsIgnored() throws Exception {
        try (DemoHost trusting = start(SMALL, "--trust-forwarded-for");
             DemoHost plain = start(SMALL)) {
            for (int i = 0; i < SMALL.requestsPerAddress(); i++) {
                assertThat(beginWithForwardedFor(trusting.uri(), "spoofed, 203.0.113.7")).isEqualTo(200);
                assertThat(beginWithForwardedFor(plain.uri(), "198.51.100." + i)).isEqualTo(200);
            }

            assertThat(beginWithForwardedFor(trusting.uri(), "spoofed, 203.0.113.7")).isEqualTo(429);
            assertThat(beginWithForwardedFor(trusting.uri(), "spoofed-too, 203.0.113.7")).as("the proxy's entry counts")
                    .isEqualTo(429);
            assertThat(beginWithForwardedFor(trusting.uri(), "203.0.113.8")).isEqualTo(200);
            assertThat(beginWithForwardedFor(plain.uri(), "198.51.100.250")).as("untrusted: the connection's address")
                    .isEqualTo(429);
        }
    }

    @Test
    void whenManyAddressesAndNamesComeThenTheLimitsKeepAtMostTheirBoundOfThem() {
        RateLimits limits = new RateLimits(new RateLimits.Config(5, 5, 5, Duration.ofMinutes(1), 100));
        for (int i = 0; i < 10_000; i++) {
            limits.check("10.0." + (i / 256) + "." + (i % 256), java.util.Optional.of("login:user" + i));
            limits.failed("10.0." + (i / 256) + "." + (i % 256), java.util.Optional.of("login:user" + i));
        }

        assertThat(limits.size()).isLessThanOrEqualTo(3 * 100);
    }

    @Test
    void whenEightThreadsRaceForOneAddressThenExactlyTheLimitGetsThrough() throws Exception {
        RateLimits limits = new RateLimits(new RateLimits.Config(500, 1000, 1000, Duration.ofMinutes(5), 100));
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        try {
                            limits.check("192.0.2.1", java.util.Optional.empty());
                            allowed.incrementAndGet();
                        } catch (io.github.passkey4j.web.WebError e) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(allowed.get()).isEqualTo(500);
        assertThat(refused.get()).isEqualTo(8 * 200 - 500);
    }
}
