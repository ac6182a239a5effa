package io.github.passkey4j.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A request body as every host of the routes reads it, so that they answer alike: at most
 * {@link #MAX_BYTES} (413 beyond, not read further), within the server's bound (408 when a read times
 * out, 400 when the body breaks off), and a JSON object: strictly (no duplicate keys, nothing after the
 * object), an empty or all-blank body being {@code {}} as grpc-gateway reads it, anything else a 400.
 */
public final class RequestBodies {

    /** The largest request body read: 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** Strict, as the library reads credentials: no trailing tokens, no duplicate keys. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBodies() {
    }

    /** How a host opens its request's body stream. */
    @FunctionalInterface
    public interface Source {
        /**
         * @return the body's stream
         * @throws IOException when it cannot be opened
         */
        InputStream open() throws IOException;
    }

    /**
     * Reads a body, as long as it takes: a declared length over {@link #MAX_BYTES} is refused before a
     * byte is read, a body that turns out longer when at most one byte more was read. Only the server's
     * own timeouts bound the reads; {@link #read(long, Source, Duration)} bounds the whole body too.
     *
     * @param declaredLength the request's {@code Content-Length}, or -1 when it has none
     * @param body the body's stream (closed here)
     * @return its bytes
     * @throws WebError 413 {@link WebError#tooLarge}, or what {@link WebError#ofBodyReadFailure} makes of a
     *     failed read (408 or 400)
     */
    public static byte[] read(long declaredLength, Source body) {
        return read(declaredLength, body, null);
    }

    /**
     * Reads a body that must arrive within a time, counted from this call: once a read returns past it
     * with the body not complete, 408. A read that blocks is bounded by the server's read timeout only
     * (Tomcat's {@code connectionTimeout}, Jetty's idle timeout), so a body ends at most that much later:
     * a client that trickles its body holds the request no longer than both together.
     *
     * @param declaredLength the request's {@code Content-Length}, or -1 when it has none
     * @param body the body's stream (closed here)
     * @param within how long the whole body may take; null for no bound of this method's
     * @return its bytes
     * @throws WebError 413 {@link WebError#tooLarge}, 408 {@link WebError#requestTimeout} past the time,
     *     or what {@link WebError#ofBodyReadFailure} makes of a failed read (408 or 400)
     * @throws IllegalArgumentException when {@code within} is zero or negative
     */
    public static byte[] read(long declaredLength, Source body, Duration within) {
        if (within != null && (within.isZero() || within.isNegative())) {
            throw new IllegalArgumentException("the time a body may take must be positive, not " + within);
        }
        if (declaredLength > MAX_BYTES) {
            throw WebError.tooLarge(MAX_BYTES);
        }
        long deadline = within == null ? 0 : System.nanoTime() + within.toNanos();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                declaredLength > 0 ? (int) declaredLength : 256);
        byte[] buffer = new byte[8192];
        try (InputStream in = body.open()) {
            int n;
            while ((n = in.read(buffer, 0, Math.min(buffer.length, MAX_BYTES + 1 - bytes.size()))) != -1) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > MAX_BYTES) {
                    throw WebError.tooLarge(MAX_BYTES);
                }
                if (within != null && System.nanoTime() - deadline > 0) {
                    throw WebError.requestTimeout();
                }
            }
        } catch (IOException e) {
            throw WebError.ofBodyReadFailure(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param body a request body
     * @return it as a JSON object: {@code {}} when it is empty or only whitespace
     * @throws WebError 400 {@link WebError#BODY_NOT_JSON} when it is not JSON, or JSON but not an object
     */
    public static ObjectNode parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw WebError.notJson("the request body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            return JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw WebError.notJson("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
