package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.passkey4j.examples.demo.ApiClient.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo against slow and greedy clients, on real sockets, on both hosts (the JDK demo, and the
 * Spring sample on Spring Boot's Jetty, with the same bounds: {@link DemoJetty}). The times are generous liveness bounds that catch a server that blocks or waits
 * forever, not speed measurements.
 */
class DemoSlowClientsTest {

    static DemoHost start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--port", "0",
                "--jdbc-url", "jdbc:h2:mem:slow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        all.addAll(List.of(args));
        return DemoHost.start(DemoOptions.parse(all.toArray(String[]::new)), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    static Socket connect(DemoHost server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(20_000);
        return s;
    }

    /**
     * Reads what the server answers until it closes the connection or the answer's body is in;
     * "(closed)" when it closed or reset without a byte, "(silent)" when nothing came within the timeout.
     */
    static String answer(Socket s, Duration within) throws IOException {
        s.setSoTimeout((int) within.toMillis());
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                String sofar = out.toString(StandardCharsets.UTF_8);
                if (sofar.contains("\r\n\r\n") && sofar.endsWith("}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return out.size() == 0 ? "(silent)" : out.toString(StandardCharsets.UTF_8);
        } catch (SocketException e) {
            // reset
        }
        return out.size() == 0 ? "(closed)" : out.toString(StandardCharsets.UTF_8);
    }

    static JsonNode body(String response) throws IOException {
        return ApiClient.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void whenSixtyFourConnectionsTrickleTheirHeadersThenAWholeRegistrationStillTakesUnderTwoSecondsFiveTimes()
            throws Exception {
        try (DemoHost server = start()) {
            ApiClient api = new ApiClient(server.uri());
            api.signUp("warm-up-" + UUID.randomUUID() + "@acme.test");
            byte[] head = ("POST /demo/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Filler: " + "x".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<Socket> slow = new ArrayList<>();
            ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
            try {
                for (int i = 0; i < 64; i++) {
                    slow.add(connect(server));
                }
                int[] sent = {0};
                trickle.scheduleAtFixedRate(() -> {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write(head[sent[0] % head.length]);
                            s.getOutputStream().flush();
                        } catch (IOException e) {
                            // closed by the server's header deadline: what it should do in the end
                        }
                    }
                    sent[0]++;
                }, 0, 1, TimeUnit.SECONDS);
                Thread.sleep(1500);
                assertThat(server.openConnections()).as("the trickling connections are open").isGreaterThanOrEqualTo(64);

                for (int round = 0; round < 5; round++) {
                    long start = System.nanoTime();
                    User user = api.signUp("busy-" + round + "-" + UUID.randomUUID() + "@acme.test");
                    Ceremonies.register(api, server.origin(), user, "Round " + round);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(millis).as("round %d: sign-up, add passkey, verify while 64 connections trickle", round)
                            .isLessThan(2000);
                }
                assertThat(sent[0]).as("the connections were still trickling").isLessThan(head.length);
            } finally {
                trickle.shutdownNow();
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void whenAChunkedBodyNeverEndsThenItIsCutWithinFifteenSecondsOnTheDefaults() throws Exception {
        try (DemoHost server = start();
             Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /demo/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return answer(s, Duration.ofSeconds(20));
                } catch (IOException e) {
                    return "(closed)";
                }
            });
            byte[] chunk = ("10\r\n" + " ".repeat(16) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                while (!answer.isDone() && System.nanoTime() - start < 20_000_000_000L) {
                    out.write(chunk); // 16 bytes every 250 ms, forever
                    out.flush();
                    Thread.sleep(250);
                }
            } catch (IOException e) {
                // closed by the server
            }
            String response = answer.get(20, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response).matches(r -> r.equals("(closed)") || r.startsWith("HTTP/1.1 408 "), "408 or closed");
            assertThat(millis).isLessThan(15_000);
        }
    }

    @Test
    void whenAClientWritesAWholeBodyOver1MiBBeforeReadingThenItReadsThe413InsteadOfAReset() throws Exception {
        try (DemoHost server = start();
             Socket s = connect(server)) {
            byte[] body = new byte[3 * 1024 * 1024];
            java.util.Arrays.fill(body, (byte) ' ');
            OutputStream out = s.getOutputStream();
            out.write(("POST /demo/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 64 * 1024) {
                out.write(body, at, 64 * 1024); // the whole body, as curl and Java's HttpClient send it, before reading
            }
            out.flush();

            String response = answer(s, Duration.ofSeconds(10));

            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(body(response)).isEqualTo(ErrorBodies.of(3, "PASSKEY-BODY-TOO-LARGE", "the request body is larger than 1 MiB"));
        }
    }

    @Test
    void whenTheServerStopsWhileARequestIsInFlightThenThatRequestIsAnsweredAndNewConnectionsAreNot() throws Exception {
        DemoHost server = start("--stop-timeout", "10s");
        String body = "{\"loginName\": \"graceful-" + UUID.randomUUID() + "@acme.test\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Void> stopped;
        try (Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /demo/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, 10);
            out.flush();
            Thread.sleep(300); // the request is in the handler, reading its body
            stopped = CompletableFuture.runAsync(server::close);
            Thread.sleep(500);
            assertThat(stopped).as("the stop waits for the request in flight").isNotDone();
            out.write(bytes, 10, bytes.length - 10);
            out.flush();

            String response = answer(s, Duration.ofSeconds(10));

            assertThat(response).startsWith("HTTP/1.1 200 ");
            assertThat(body(response).get("sessionToken").asText()).isNotEmpty();
        }
        stopped.get(15, TimeUnit.SECONDS);
        assertThat(refused(server.port())).as("no new connection after the stop").isTrue();
    }

    /** Whether a new connection to the port is refused, or closed without an answer. */
    private static boolean refused(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return answer(s, Duration.ofSeconds(5)).equals("(closed)");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void whenTheAnswerComesBeforeTheBodyIsReadThenTheBodyIsDroppedAndTheConnectionServesTheNextRequest()
            throws Exception {
        try (DemoHost server = start(); Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            String body = "{\"x\":\"" + "y".repeat(200_000) + "\"}";
            out.write(("POST /no/such/path HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String notFound = answer(s, Duration.ofSeconds(10));

            out.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String next = answer(s, Duration.ofSeconds(10));

            assertThat(notFound).startsWith("HTTP/1.1 404 ").doesNotContainIgnoringCase("Connection: close");
            assertThat(next).as("the same connection, its unread body dropped").startsWith("HTTP/1.1 200 ");
            assertThat(body(next).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void whenHeadersDoNotCompleteWithinTheRequestTimeoutThenTheConnectionIsClosedThoughBytesKeepComing()
            throws Exception {
        try (DemoHost server = start("--request-timeout", "1s");
             Socket s = connect(server)) {
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return answer(s, Duration.ofSeconds(10));
                } catch (IOException e) {
                    return "(closed)";
                }
            });
            byte[] head = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 40 && !answer.isDone(); i++) {
                    out.write(head[Math.min(i, head.length - 1)]);
                    out.flush();
                    Thread.sleep(100); // ten bytes a second: Jetty's idle timeout alone would never fire
                }
            } catch (IOException e) {
                // closed by the server
            }
            String response = answer.get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response).matches(r -> r.equals("(closed)") || r.startsWith("HTTP/1.1 408 "), "408 or closed");
            assertThat(millis).as("cut after about the 1 s request timeout").isLessThan(3500);
        }
    }

    /** The demo's own route, and the passkey routes (the starter's on the Spring sample), v2 and v1. */
    @ParameterizedTest
    @ValueSource(strings = {"/demo/users", "/v2/users/1/passkeys/_search", "/auth/v1/users/me/passwordless"})
    void whenABodyDoesNotCompleteWithinTheRequestTimeoutThenTheAnswerIs408WithTheErrorBody(String path) throws Exception {
        try (DemoHost server = start("--request-timeout", "1s");
             Socket s = connect(server)) {
            s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"loginName\":").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            String response = answer(s, Duration.ofSeconds(10));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(body(response)).isEqualTo(ErrorBodies.of(4, "PASSKEY-REQUEST-TIMEOUT", "the request did not arrive in time"));
            assertThat(millis).isLessThan(3500);
        }
    }

    @Test
    void whenMoreConnectionsThanTheCapOpenThenTheOneAboveIsRefusedAtOnceAndServedOnceAnotherCloses() throws Exception {
        try (DemoHost server = start("--max-connections", "4")) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    idle.add(connect(server));
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (server.openConnections() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(server.openConnections()).isEqualTo(4);

                long start = System.nanoTime();
                String refused;
                try (Socket fifth = connect(server)) {
                    refused = answer(fifth, Duration.ofSeconds(5));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(refused).matches(r -> r.equals("(closed)") || r.startsWith("HTTP/1.1 503 "), "503 or closed");
                if (refused.startsWith("HTTP/1.1 503 ")) {
                    assertThat(body(refused).at("/details/0/id").asText()).isEqualTo("DEMO-UNAVAILABLE");
                }
                assertThat(millis).as("refused at once, not queued").isLessThan(2000);

                idle.remove(0).close();
                deadline = System.nanoTime() + 5_000_000_000L;
                while (server.openConnections() > 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(new ApiClient(server.uri()).send("GET", "/healthz", null, null).status()).isEqualTo(200);
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
        }
    }

    @Test
    void whenJettyRefusesARequestItselfThenTheAnswerHasTheSeedsErrorBody() throws Exception {
        try (DemoHost server = start()) {
            String headersTooLarge;
            try (Socket s = connect(server)) {
                s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(10_000)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                headersTooLarge = answer(s, Duration.ofSeconds(10));
            }
            String uriTooLong;
            try (Socket s = connect(server)) {
                s.getOutputStream().write(("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                uriTooLong = answer(s, Duration.ofSeconds(10));
            }
            String garbage;
            try (Socket s = connect(server)) {
                s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                garbage = answer(s, Duration.ofSeconds(10));
            }

            assertThat(headersTooLarge).startsWith("HTTP/1.1 431 ").contains("application/json");
            assertThat(body(headersTooLarge)).isEqualTo(ErrorBodies.of(3, "DEMO-HEADERS-TOO-LARGE",
                    "the request headers are too large"));
            assertThat(uriTooLong).startsWith("HTTP/1.1 414 ");
            assertThat(body(uriTooLong)).isEqualTo(ErrorBodies.of(3, "DEMO-URI-TOO-LONG", "the request URI is too long"));
            assertThat(garbage).startsWith("HTTP/1.1 400 ");
            assertThat(body(garbage)).isEqualTo(ErrorBodies.of(3, "DEMO-BAD-REQUEST", "the request is not valid HTTP"));
        }
    }
}
