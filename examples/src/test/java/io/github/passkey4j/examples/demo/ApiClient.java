package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client of the demo for tests: JSON in, status and JSON out. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String origin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(URI base) {
        this(base, null);
    }

    private ApiClient(URI base, String origin) {
        this.base = base;
        this.origin = origin;
    }

    /** @return a client that sends this {@code Origin} header with every request, as a browser does */
    ApiClient withOrigin(String browserOrigin) {
        return new ApiClient(base, browserOrigin);
    }

    /** A response: status, headers and the body, parsed when it is JSON. */
    record Response(int status, Map<String, java.util.List<String>> headers, String text) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        /**
         * @return the Content-Type as a media type compares: lower case, without the spacing of its
         *     parameters (Jetty writes {@code text/html; charset=utf-8}, Tomcat {@code text/html;charset=utf-8})
         */
        String mediaType() {
            return header("Content-Type").map(t -> t.replace(" ", "").toLowerCase(java.util.Locale.ROOT)).orElse("");
        }

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    /** A signed-up user of the demo. */
    record User(String userId, String resourceOwner, String token) {
        String passkeys() {
            return "/v2/users/" + userId + "/passkeys";
        }
    }

    Response send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response post(String path, String token, Object body) {
        return send("POST", path, token, write(body));
    }

    Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, write(body));
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** Signs a new user up; fails unless the server answers 200. */
    User signUp(String loginName) {
        Response r = post("/demo/users", null, Map.of("loginName", loginName, "displayName", "Test " + loginName));
        if (r.status() != 200) {
            throw new IllegalStateException("sign-up failed: " + r.status() + " " + r.text());
        }
        JsonNode j = r.json();
        return new User(j.get("userId").asText(), j.get("resourceOwner").asText(), j.get("sessionToken").asText());
    }

    /**
     * Writes a raw HTTP/1.1 request and reads the response until the server closes or the status line
     * and body are in: for requests {@link HttpClient} will not send (a Content-Length it does not send
     * the bytes of, a chunked body that goes on).
     */
    String raw(String head, byte[] body, int chunkBytes, int chunks) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            byte[] chunk = new byte[chunkBytes];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < chunks; i++) {
                    out.write((Integer.toHexString(chunkBytes) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                // the server answered and closed before the client finished sending: what a 413 does
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    response.write(buf, 0, n);
                    String sofar = response.toString(StandardCharsets.UTF_8);
                    int headEnd = sofar.indexOf("\r\n\r\n");
                    if (headEnd > 0 && sofar.endsWith("}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // a reset after the response was read
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    static String write(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeBase64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }
}
