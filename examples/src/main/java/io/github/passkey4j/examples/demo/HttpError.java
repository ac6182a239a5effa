package io.github.passkey4j.examples.demo;

import io.github.passkey4j.PasskeyException.Code;
import io.github.passkey4j.web.WebError;
import java.util.Map;
import java.util.Set;

/**
 * The failures the demo server answers itself, before or beside the library: an unknown path, a wrong
 * method, a body that is too large or not JSON, a missing bearer. Each is a {@link WebError} (module
 * passkey4j-web, whose passkey routes refuse with the same type): the HTTP status, the seed's error
 * body and the headers, like {@code PasskeyException} for the library's own.
 */
final class HttpError {

    private HttpError() {
    }

    static WebError notFound() {
        return new WebError(404, Code.NOT_FOUND, "DEMO-PATH-NOT-FOUND", "no such path", Map.of());
    }

    static WebError methodNotAllowed(Set<String> allowed) {
        return new WebError(405, Code.UNIMPLEMENTED, "DEMO-METHOD-NOT-ALLOWED",
                "method not allowed on this path; allowed: " + String.join(", ", allowed),
                Map.of("Allow", String.join(", ", allowed)));
    }

    static WebError tooLarge(int limit) {
        return WebError.tooLarge(limit);
    }

    static WebError unauthenticated(String message) {
        return new WebError(401, Code.UNAUTHENTICATED, WebError.UNAUTHENTICATED, message,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    static WebError userNotFound() {
        return new WebError(404, Code.NOT_FOUND, "DEMO-USER-NOT-FOUND", "the user was not found", Map.of());
    }

    static WebError notJson(String message) {
        return WebError.notJson(message);
    }

    static WebError badField(String message) {
        return new WebError(400, Code.INVALID_ARGUMENT, WebError.FIELD_INVALID, message, Map.of());
    }

    static WebError loginNameTaken() {
        return new WebError(409, Code.ALREADY_EXISTS, "DEMO-LOGIN-NAME-TAKEN", "this login name is taken", Map.of());
    }

    static WebError requestTimeout() {
        return WebError.requestTimeout(); // the same answer on both hosts and every route
    }

    static WebError notReady() {
        return new WebError(503, Code.UNAVAILABLE, "DEMO-NOT-READY",
                "the database did not answer within 1 s", Map.of("Retry-After", "1"));
    }

    /**
     * The error body of an answer the HTTP server gives itself (a request it could not parse, headers
     * too large, a URI too long, a timeout): the status stays, the body is the seed's.
     *
     * @param status the server's status
     * @return its error
     */
    static WebError ofServerStatus(int status) {
        return switch (status) {
            case 408 -> requestTimeout();
            case 413 -> tooLarge(Dispatcher.MAX_BODY_BYTES);
            case 414 -> new WebError(414, Code.INVALID_ARGUMENT, "DEMO-URI-TOO-LONG", "the request URI is too long",
                    Map.of());
            case 431 -> new WebError(431, Code.INVALID_ARGUMENT, "DEMO-HEADERS-TOO-LARGE",
                    "the request headers are too large", Map.of());
            case 404 -> notFound();
            case 503 -> new WebError(503, Code.UNAVAILABLE, "DEMO-UNAVAILABLE", "the server cannot answer now",
                    Map.of());
            default -> status >= 500
                    ? new WebError(status, Code.INTERNAL, "DEMO-INTERNAL", "internal error", Map.of())
                    : new WebError(status, Code.INVALID_ARGUMENT, "DEMO-BAD-REQUEST", "the request is not valid HTTP",
                            Map.of());
        };
    }

    static WebError internal() {
        return new WebError(500, Code.INTERNAL, "DEMO-INTERNAL", "internal error", Map.of());
    }
}
