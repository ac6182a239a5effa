package io.github.passkey4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.PasskeyUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The passkey routes on a real Tomcat, Spring Boot's default server, as a host runs them: a client that
 * trickles its body, each byte well within Tomcat's read timeout, is answered 408 once
 * {@code passkey4j.web.body-timeout} is up, instead of holding the request for as long as it likes. The
 * times are generous liveness bounds, not speed measurements.
 */
class TomcatBodyTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Host {
        @Bean
        PasskeyUsers users() {
            return id -> Optional.of(new PasskeyUser(id, id + "@acme.test", "User " + id, "1"));
        }
    }

    @Test
    void whenABodyTricklesPastTheBodyTimeoutThenTheAnswerIs408WithTheErrorBody() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Host.class).properties(
                "server.port=0", "passkey4j.rp.id=localhost", "passkey4j.rp.name=Host",
                "passkey4j.rp.origins=http://localhost:8080", "passkey4j.web.body-timeout=1s",
                "server.tomcat.connection-timeout=20s", "spring.main.banner-mode=off").run();
             Socket s = new Socket("127.0.0.1", Integer.parseInt(app.getEnvironment().getProperty("local.server.port")))) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /v2/users/1/passkeys/_search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> read(s));
            try {
                for (int i = 0; i < 200 && !answer.isDone(); i++) {
                    out.write(' '); // ten bytes a second: no read of Tomcat's ever times out
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                // the server closed the connection after its answer
            }
            String response = answer.get(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response).startsWith("HTTP/1.1 408 ").contains("PASSKEY-REQUEST-TIMEOUT")
                    .contains("the request did not arrive in time");
            assertThat(took).as("cut after about the 1 s body timeout, long before the body's end").isLessThan(Duration.ofSeconds(10));
        }
    }

    /** What the server answers, until it closes the connection or its JSON body is in. */
    private static String read(Socket s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
                String sofar = bytes.toString(StandardCharsets.UTF_8);
                if (sofar.contains("\r\n\r\n") && sofar.endsWith("}")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return "(silent) " + bytes.toString(StandardCharsets.UTF_8);
        } catch (SocketException e) {
            // reset after the answer
        } catch (IOException e) {
            return "(failed) " + e;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
