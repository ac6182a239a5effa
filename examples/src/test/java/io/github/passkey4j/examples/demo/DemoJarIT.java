package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged demo, {@code examples/target/passkey4j-demo.jar}, started as its own process the way
 * the README says: it prints its listening line, serves, keeps its data in an H2 file under the
 * working folder, and stops cleanly on SIGTERM.
 */
class DemoJarIT {

    private static final Path JAR = Path.of(System.getProperty("demo.jar", "target/passkey4j-demo.jar")).toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://localhost:(\\d+))");
    /** What a JVM ends with when SIGTERM stopped it and its shutdown hooks ran. */
    private static final int EXIT_ON_SIGTERM = 128 + 15;

    /** The demo as a child process, with its standard output read line by line. */
    private static final class Demo implements AutoCloseable {
        final Process process;
        final Path stderr;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final URI uri;

        Demo(Path workingFolder, String... args) throws IOException, InterruptedException {
            this(workingFolder, List.of(), args);
        }

        Demo(Path workingFolder, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", JAR.toString()));
            command.addAll(List.of(args));
            stderr = workingFolder.resolve("demo-stderr-" + System.nanoTime() + ".log");
            process = new ProcessBuilder(command).directory(workingFolder.toFile())
                    .redirectError(stderr.toFile()).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(stdout closed: " + e + ")");
                }
            }, "demo-stdout");
            reader.setDaemon(true);
            reader.start();
            String first = lines.poll(60, TimeUnit.SECONDS);
            assertThat(first).as("the demo's first line; its stderr: %s", stderrText()).isNotNull();
            Matcher m = LISTENING.matcher(first);
            assertThat(m.matches()).as("'%s' is the listening line", first).isTrue();
            uri = URI.create(m.group(1));
        }

        String stderrText() throws IOException {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        }

        /** Sends SIGTERM and waits for the exit. */
        int terminate() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the demo stops within 30 s of SIGTERM").isTrue();
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void whenTheJarStartsThenItPrintsTheListeningLineServesAndStopsCleanlyOnSigterm(@TempDir Path folder)
            throws Exception {
        assertThat(JAR).as("run `mvn package` first").exists();
        try (Demo demo = new Demo(folder, "--port", "0")) {
            ApiClient api = new ApiClient(demo.uri);

            Response page = api.send("GET", "/", null, null);
            User user = api.signUp("jar@acme.test");
            Response begun = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("passkey4j demo");
            Response module = api.send("GET", "/passkey4j.js", null, null);
            assertThat(module.status()).as("passkey4j.js from the WebJar inside the jar").isEqualTo(200);
            assertThat(module.text()).contains("export async function signIn");
            assertThat(begun.status()).isEqualTo(200);
            assertThat(folder.resolve("data").resolve("passkey4j-demo.mv.db")).as("the default database").exists();

            int exit = demo.terminate();

            assertThat(exit).isEqualTo(EXIT_ON_SIGTERM);
            assertThat(demo.stderrText()).contains("passkey4j demo stopped").doesNotContain("Exception");
            assertThat(demo.stderrText()).as("no session token in the log").doesNotContain(user.token());
        }
    }

    @Test
    void whenTheJarRestartsInTheSameFolderThenItsUsersSessionsAndPasskeysAreStillThere(@TempDir Path folder)
            throws Exception {
        User user;
        String passkeyId;
        try (Demo first = new Demo(folder, "--port", "0")) {
            ApiClient api = new ApiClient(first.uri);
            user = api.signUp("restart@acme.test");
            Response begun = api.post(user.passkeys(), user.token(), Map.of());
            passkeyId = begun.json().get("passkeyId").asText();
            String credential = new SoftwareAuthenticator().create(
                    begun.json().get("publicKeyCredentialCreationOptions").toString(),
                    SoftwareAuthenticator.Options.from(first.uri.toString()));
            Response verified = api.post(user.passkeys() + "/" + passkeyId, user.token(),
                    Map.of("publicKeyCredential", ApiClient.JSON.readTree(credential), "passkeyName", "Survivor"));
            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
            assertThat(first.terminate()).isEqualTo(EXIT_ON_SIGTERM);
        }

        try (Demo second = new Demo(folder, "--port", "0")) {
            ApiClient api = new ApiClient(second.uri);

            Response list = api.post(user.passkeys() + "/_search", user.token(), Map.of());
            Response again = api.post("/demo/users", null, Map.of("loginName", "restart@acme.test"));

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("result").findValuesAsText("id")).containsExactly(passkeyId);
            assertThat(list.json().get("result").findValuesAsText("name")).containsExactly("Survivor");
            assertThat(again.status()).isEqualTo(409);
            assertThat(second.terminate()).isEqualTo(EXIT_ON_SIGTERM);
        }
    }

    @Test
    void whenTheDemoLogsAtDebugThenNoTokenChallengeOrCredentialIsInTheLog(@TempDir Path folder) throws Exception {
        try (Demo demo = new Demo(folder, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"), "--port", "0")) {
            ApiClient api = new ApiClient(demo.uri);
            User user = api.signUp("secrets@acme.test");
            Response added = api.post("/auth/v1/users/me/passwordless", user.token(), Map.of());
            String options = ApiClient.decodeBase64(added.json().at("/key/publicKey").asText());
            String challenge = ApiClient.JSON.readTree(options).at("/publicKey/challenge").asText();
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
            String credential = authenticator.create(options, SoftwareAuthenticator.Options.from(demo.uri.toString()));
            Response verified = api.post("/auth/v1/users/me/passwordless/_verify", user.token(), Map.of("verification",
                    Map.of("publicKeyCredential", ApiClient.base64(credential), "tokenName", "Laptop"),
                    "tokenId", added.json().at("/key/id").asText()));
            Response wrongToken = api.post(user.passkeys() + "/_search", user.token() + "x", Map.of());
            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
            assertThat(wrongToken.status()).isEqualTo(401);
            assertThat(demo.terminate()).isEqualTo(EXIT_ON_SIGTERM);

            String log = demo.stderrText();
            assertThat(log).contains("DEBUG").contains("registration " + added.json().at("/key/id").asText());
            assertThat(log).doesNotContain(user.token()).doesNotContain(challenge)
                    .doesNotContain(authenticator.last().id()).doesNotContain(added.json().at("/key/publicKey").asText())
                    .doesNotContain(ApiClient.base64(credential).substring(0, 40));
        }
    }

    @Test
    void whenLinksCodesAndSignInsGoThroughTheJarThenOnlyTheConsoleHasTheSentLinkAndTheLogHasNoCodeOrToken(
            @TempDir Path folder) throws Exception {
        try (Demo demo = new Demo(folder, List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"), "--port", "0")) {
            ApiClient api = new ApiClient(demo.uri);
            User user = api.signUp("codes@acme.test");
            Response link = api.post("/auth/v1/users/me/passwordless/_link", user.token(), Map.of());
            Response code = api.post(user.passkeys() + "/registration_link", user.token(), Map.of("returnCode", Map.of()));
            Response sent = api.post(user.passkeys() + "/registration_link", user.token(), Map.of("sendLink", Map.of()));
            Response wrong = api.post(user.passkeys(), null, Map.of("code", Map.of("id", code.json().at("/code/id").asText(),
                    "code", "WRONGWRONGWRONG2")));
            Response begun = api.post(user.passkeys(), null, Map.of("code", code.json().get("code")));
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
            String credential = authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                    SoftwareAuthenticator.Options.from(demo.uri.toString()));
            Response verified = api.post(user.passkeys() + "/" + begun.json().get("passkeyId").asText(), null,
                    Map.of("publicKeyCredential", ApiClient.JSON.readTree(credential), "passkeyName", "With a code"));
            Response created = api.post("/v2/sessions", null, Map.of("checks", Map.of("user", Map.of("loginName",
                    "codes@acme.test")), "challenges", Map.of("webAuthN", Map.of("domain", "localhost"))));
            String assertion = authenticator.get(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions")
                    .toString(), SoftwareAuthenticator.Options.from(demo.uri.toString()));
            Response checked = api.patch("/v2/sessions/" + created.json().get("sessionId").asText(),
                    created.json().get("sessionToken").asText(), Map.of("checks", Map.of("webAuthN",
                            Map.of("credentialAssertionData", ApiClient.JSON.readTree(assertion)))));
            String printed = demo.lines.poll(30, TimeUnit.SECONDS);
            assertThat(List.of(link, code, sent, begun, verified, created, checked))
                    .allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(200));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(demo.terminate()).isEqualTo(EXIT_ON_SIGTERM);

            assertThat(printed).as("the demo's notifier prints the sent link on the console")
                    .startsWith("registration link for codes@acme.test (user " + user.userId() + "), valid until ")
                    .contains(": " + demo.uri + "/register?userID=" + user.userId() + "&orgID=");
            String sentCode = printed.substring(printed.indexOf("&code=") + "&code=".length());
            String linkCode = link.json().get("link").asText().substring(link.json().get("link").asText().indexOf("&code=") + 6);
            String log = demo.stderrText();
            assertThat(log).contains("DEBUG").contains("registration code " + code.json().at("/code/id").asText());
            assertThat(log).doesNotContain(sentCode).doesNotContain(linkCode).doesNotContain(code.json().at("/code/code").asText())
                    .doesNotContain("/register?").doesNotContain(user.token())
                    .doesNotContain(created.json().get("sessionToken").asText())
                    .doesNotContain(checked.json().get("sessionToken").asText());
        }
    }

    /** Runs the jar to its end; returns its exit code and everything it printed. */
    private static Map.Entry<Integer, String> runToEnd(Path folder, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Map.entry(p.exitValue(), output);
    }

    @Test
    void whenHelpIsAskedThenTheJarListsEveryOptionAndExitsWith0(@TempDir Path folder) throws Exception {
        Map.Entry<Integer, String> run = runToEnd(folder, "--help");

        assertThat(run.getKey()).isZero();
        assertThat(run.getValue()).startsWith("usage: java -jar passkey4j-demo.jar").contains("--rate-limit on|off",
                "--trust-forwarded-for", "--request-timeout", "--max-connections", "--session-lifetime", "--stop-timeout");
    }

    @Test
    void whenAnOptionIsUnknownThenTheJarSaysWhichAndExitsWith2(@TempDir Path folder) throws Exception {
        Map.Entry<Integer, String> run = runToEnd(folder, "--prot", "8080");

        assertThat(run.getKey()).isEqualTo(2);
        assertThat(run.getValue()).startsWith("unknown option: --prot").contains("usage: java -jar passkey4j-demo.jar");
    }

    @Test
    void whenThePortOrTheDatabaseIsTakenThenTheJarSaysWhichInOneLineAndExitsWith1(@TempDir Path folder) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map.Entry<Integer, String> run = runToEnd(folder, "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.getKey()).isEqualTo(1);
            assertThat(run.getValue()).startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("Choose another port with --port").doesNotContain("\tat ");
        }
        try (Demo running = new Demo(folder, "--port", "0")) {
            Map.Entry<Integer, String> run = runToEnd(folder, "--port", "0");

            assertThat(run.getKey()).isEqualTo(1);
            assertThat(run.getValue()).startsWith("cannot start the demo: cannot open the database "
                    + "jdbc:h2:file:./data/passkey4j-demo (is another demo using it?)").doesNotContain("\tat ");
            assertThat(running.terminate()).isEqualTo(EXIT_ON_SIGTERM);
        }
    }
}
