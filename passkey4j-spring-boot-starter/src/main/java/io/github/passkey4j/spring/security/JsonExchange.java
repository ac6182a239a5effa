package io.github.passkey4j.spring.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The sign-in routes' JSON in and out: bounded bodies, ZITADEL's error body on failure. */
final class JsonExchange {

    /** The most a sign-in body may hold: the library's credential bound and room for the ceremony id. */
    static final int MAX_BODY_BYTES = 64 * 1024 + 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonExchange() {
    }

    /** Reads an object body of at most {@link #MAX_BODY_BYTES}; anything else is a PasskeyException. */
    static JsonNode readObject(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_TOO_LARGE);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_TOO_LARGE);
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.JSON_MALFORMED, "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the request body must be a JSON object");
        }
        return node;
    }

    static void write(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    static void writeError(HttpServletResponse response, PasskeyException e) throws IOException {
        write(response, e.httpStatus(), JSON.writeValueAsString(e.toErrorBody()));
    }
}
