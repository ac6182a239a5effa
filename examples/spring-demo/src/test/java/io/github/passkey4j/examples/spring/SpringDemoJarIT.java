package io.github.passkey4j.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sample, {@code examples/spring-demo/target/passkey4j-spring-demo.jar}, started as its own
 * process with the README's command: it prints its listening line and serves the demo's API.
 */
class SpringDemoJarIT {

    private static final Path JAR = Path.of(System.getProperty("spring.demo.jar", "target/passkey4j-spring-demo.jar"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theReadmesCommandStartsTheSampleWhichPrintsWhereItListensAndServes() throws Exception {
        assertThat(JAR).as("mvn package builds the sample's jar").exists();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String origin = "http://localhost:" + port;
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--server.port=" + port, "--passkey4j.rp.id=localhost", "--passkey4j.rp.origins=" + origin)
                .directory(dir.toFile()).redirectError(dir.resolve("stderr.log").toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String listening = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (listening == null && System.nanoTime() < deadline && process.isAlive()) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.contains("listening on")) {
                    listening = line;
                }
            }
            assertThat(listening).as("the listening line; stderr: %s", Files.exists(dir.resolve("stderr.log"))
                    ? Files.readString(dir.resolve("stderr.log")) : "").isEqualTo("passkey4j Spring demo listening on " + origin);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> signUp = http.send(HttpRequest.newBuilder(URI.create(origin + "/demo/users"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"loginName\":\"jar@acme.test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(200);
            assertThat(signUp.body()).contains("\"sessionToken\"");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(origin + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                    .as("its H2 file under the working folder").contains("data-spring");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(List.of(143, 0)).as("stopped by SIGTERM").contains(process.exitValue());
    }
}
