package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on PostgreSQL losing its database in the middle of ceremonies from 8 threads, and getting
 * it back: every request is answered (503 while it is down, never 500, never a hang), /readyz follows,
 * nothing is half-written or usable twice, and the demo serves again without a restart.
 */
class DemoLostDatabaseTest {

    /** Longer than a request may take: the pool gives up on a lost database after 3 s. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(12);

    /** One request that a ceremony sent and that must never succeed a second time. */
    private record Once(String method, String path, String token, String body, boolean succeeded) {
    }

    private static final class Client {
        final URI base;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final AtomicInteger hangs = new AtomicInteger();

        Client(URI base) {
            this.base = base;
        }

        Response send(String method, String path, String token, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(CLIENT_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                return new Response(r.statusCode(), r.headers().map(), r.body());
            } catch (java.net.http.HttpTimeoutException e) {
                hangs.incrementAndGet();
                return new Response(-1, Map.of(), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * One whole ceremony: sign-up, add a passkey, verify, sign in; stops at the first answer that is
     * not 200. Each verify and sign-in check it sent is kept for the replay.
     */
    private static void ceremony(Client c, String origin, Queue<Once> sent) throws IOException {
        String loginName = "lost-" + UUID.randomUUID() + "@acme.test";
        Response signedUp = c.send("POST", "/demo/users", null, "{\"loginName\": \"" + loginName + "\"}");
        if (signedUp.status() != 200) {
            return;
        }
        User user = new User(signedUp.json().get("userId").asText(), "", signedUp.json().get("sessionToken").asText());
        Response begun = c.send("POST", user.passkeys(), user.token(), "{}");
        if (begun.status() != 200) {
            return;
        }
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        String credential = authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                SoftwareAuthenticator.Options.from(origin));
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
        body.put("passkeyName", "Laptop");
        String verifyPath = user.passkeys() + "/" + begun.json().get("passkeyId").asText();
        Response verified = c.send("POST", verifyPath, user.token(), body.toString());
        sent.add(new Once("POST", verifyPath, user.token(), body.toString(), verified.status() == 200));
        if (verified.status() != 200) {
            return;
        }
        Response created = c.send("POST", "/v2/sessions", null, Ceremonies.beginBody(loginName).toString());
        if (created.status() != 200) {
            return;
        }
        String assertion = authenticator.get(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions")
                .toString(), SoftwareAuthenticator.Options.from(origin));
        ObjectNode check = ApiClient.JSON.createObjectNode();
        check.putObject("checks").putObject("webAuthN").set("credentialAssertionData", ApiClient.JSON.readTree(assertion));
        String sessionPath = "/v2/sessions/" + created.json().get("sessionId").asText();
        Response checked = c.send("PATCH", sessionPath, created.json().get("sessionToken").asText(), check.toString());
        sent.add(new Once("PATCH", sessionPath, created.json().get("sessionToken").asText(), check.toString(),
                checked.status() == 200));
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setDataDirectory(data).setCleanDataDirectory(false);
        if (port > 0) {
            b.setPort(port);
        }
        return b.start();
    }

    @Test
    void whenPostgresqlGoesAwayMidCeremoniesAndComesBackThenEveryRequestIsAnsweredAndNothingIsLostOrUsableTwice(
            @TempDir Path data) throws Exception {
        EmbeddedPostgres pg = postgres(data, 0);
        int port = pg.getPort();
        DemoOptions options = DemoOptions.parse("--port", "0", "--rate-limit", "off",
                "--jdbc-url", "jdbc:postgresql://localhost:" + port + "/postgres?connectTimeout=2&socketTimeout=5",
                "--jdbc-user", "postgres", "--jdbc-password", "postgres");
        try (DemoHost server = DemoHost.start(options, Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Client client = new Client(server.uri());
            Queue<Once> sent = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger afterRestart = new AtomicInteger();
            AtomicBoolean restarted = new AtomicBoolean();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(threads.submit(() -> {
                    while (running.get()) {
                        boolean after = restarted.get();
                        int before = sent.size();
                        ceremony(client, server.origin(), sent);
                        if (after && sent.stream().skip(before).anyMatch(o -> o.method().equals("PATCH") && o.succeeded())) {
                            afterRestart.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            try {
                Thread.sleep(2000);
                pg.close(); // the database is gone
                Thread.sleep(1000);
                Response notReady = client.send("GET", "/readyz", null, null);
                Thread.sleep(2000);

                pg = postgres(data, port);
                restarted.set(true);
                Response ready = null;
                for (int i = 0; i < 100; i++) {
                    ready = client.send("GET", "/readyz", null, null);
                    if (ready.status() == 200) {
                        break;
                    }
                    Thread.sleep(200);
                }
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (afterRestart.get() < 8 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                running.set(false);
                for (Future<?> run : runs) {
                    run.get();
                }

                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().get("code").asInt()).isEqualTo(14);
                assertThat(ready.status()).isEqualTo(200);
                assertThat(client.hangs.get()).as("requests that got no answer in %s", CLIENT_TIMEOUT).isZero();
                assertThat(client.statuses.keySet()).as("statuses seen: %s", client.statuses).containsOnly(200, 503);
                assertThat(client.statuses.get(503).get()).as("some requests met the lost database").isPositive();
                assertThat(afterRestart.get()).as("whole ceremonies after the restart, without restarting the demo")
                        .isGreaterThanOrEqualTo(8);
            } finally {
                running.set(false);
                threads.shutdownNow();
            }

            // no challenge usable twice: every verify and sign-in check sent, replayed twice, succeeds at most once in all
            for (Once once : sent) {
                int successes = once.succeeded() ? 1 : 0;
                for (int replay = 0; replay < 2; replay++) {
                    Response r = client.send(once.method(), once.path(), once.token(), once.body());
                    assertThat(r.status()).as("replayed %s %s: %s", once.method(), once.path(), r.text()).isNotIn(500, 503, -1);
                    successes += r.status() == 200 ? 1 : 0;
                }
                assertThat(successes).as("%s %s succeeded at most once", once.method(), once.path()).isLessThanOrEqualTo(1);
            }

            // no passkey without its events
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM passkey4j_passkey p WHERE NOT EXISTS "
                        + "(SELECT 1 FROM passkey4j_event e WHERE e.aggregate_id = p.id AND e.type = 'PASSKEY_ADDED')")) {
                    r.next();
                    assertThat(r.getInt(1)).as("passkeys without their PASSKEY_ADDED event").isZero();
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM passkey4j_passkey p WHERE p.state = 'READY' "
                        + "AND NOT EXISTS (SELECT 1 FROM passkey4j_event e WHERE e.aggregate_id = p.id "
                        + "AND e.type = 'PASSKEY_VERIFIED')")) {
                    r.next();
                    assertThat(r.getInt(1)).as("ready passkeys without their PASSKEY_VERIFIED event").isZero();
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM passkey4j_passkey WHERE state = 'READY'")) {
                    r.next();
                    long verifiedByClients = sent.stream().filter(o -> o.method().equals("POST") && o.succeeded()).count();
                    assertThat((long) r.getInt(1)).as("ready passkeys: at least the verifies the clients saw succeed")
                            .isGreaterThanOrEqualTo(verifiedByClients);
                }
            }
        } finally {
            pg.close();
        }
    }
}
