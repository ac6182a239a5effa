package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bounds the JDK demo's server keeps beyond what Tomcat offers, so the Spring sample does not run
 * these (examples/spring-demo's pom says why each cannot hold there): a deadline for whole request
 * headers, a 408 with the error body for a body that stops arriving, a connection over the cap refused
 * at once, and the server's own refusals with the seed's error body. The times are generous liveness
 * bounds, not speed measurements.
 */
class DemoServerBoundsTest {

    @Test
    void whenHeadersDoNotCompleteWithinTheRequestTimeoutThenTheConnectionIsClosedThoughBytesKeepComing()
            throws Exception {
        try (DemoHost server = DemoSlowClientsTest.start("--request-timeout", "1s");
             Socket s = DemoSlowClientsTest.connect(server)) {
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return DemoSlowClientsTest.answer(s, Duration.ofSeconds(10));
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

    @Test
    void whenABodyDoesNotCompleteWithinTheRequestTimeoutThenTheAnswerIs408WithTheErrorBody() throws Exception {
        try (DemoHost server = DemoSlowClientsTest.start("--request-timeout", "1s");
             Socket s = DemoSlowClientsTest.connect(server)) {
            s.getOutputStream().write(("POST /demo/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"loginName\":").getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            String response = DemoSlowClientsTest.answer(s, Duration.ofSeconds(10));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(DemoSlowClientsTest.body(response)).isEqualTo(ErrorBodies.of(4, "DEMO-REQUEST-TIMEOUT", "the request did not arrive in time"));
            assertThat(millis).isLessThan(3500);
        }
    }

    @Test
    void whenMoreConnectionsThanTheCapOpenThenTheOneAboveIsRefusedAtOnceAndServedOnceAnotherCloses() throws Exception {
        try (DemoHost server = DemoSlowClientsTest.start("--max-connections", "4")) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    idle.add(DemoSlowClientsTest.connect(server));
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (server.openConnections() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(server.openConnections()).isEqualTo(4);

                long start = System.nanoTime();
                String refused;
                try (Socket fifth = DemoSlowClientsTest.connect(server)) {
                    refused = DemoSlowClientsTest.answer(fifth, Duration.ofSeconds(5));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(refused).matches(r -> r.equals("(closed)") || r.startsWith("HTTP/1.1 503 "), "503 or closed");
                if (refused.startsWith("HTTP/1.1 503 ")) {
                    assertThat(DemoSlowClientsTest.body(refused).at("/details/0/id").asText()).isEqualTo("DEMO-UNAVAILABLE");
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
        try (DemoHost server = DemoSlowClientsTest.start()) {
            String headersTooLarge;
            try (Socket s = DemoSlowClientsTest.connect(server)) {
                s.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(10_000)
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                headersTooLarge = DemoSlowClientsTest.answer(s, Duration.ofSeconds(10));
            }
            String uriTooLong;
            try (Socket s = DemoSlowClientsTest.connect(server)) {
                s.getOutputStream().write(("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                uriTooLong = DemoSlowClientsTest.answer(s, Duration.ofSeconds(10));
            }
            String garbage;
            try (Socket s = DemoSlowClientsTest.connect(server)) {
                s.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                garbage = DemoSlowClientsTest.answer(s, Duration.ofSeconds(10));
            }

            assertThat(headersTooLarge).startsWith("HTTP/1.1 431 ").contains("application/json");
            assertThat(DemoSlowClientsTest.body(headersTooLarge)).isEqualTo(ErrorBodies.of(3, "DEMO-HEADERS-TOO-LARGE",
                    "the request headers are too large"));
            assertThat(uriTooLong).startsWith("HTTP/1.1 414 ");
            assertThat(DemoSlowClientsTest.body(uriTooLong)).isEqualTo(ErrorBodies.of(3, "DEMO-URI-TOO-LONG", "the request URI is too long"));
            assertThat(garbage).startsWith("HTTP/1.1 400 ");
            assertThat(DemoSlowClientsTest.body(garbage)).isEqualTo(ErrorBodies.of(3, "DEMO-BAD-REQUEST", "the request is not valid HTTP"));
        }
    }
}
