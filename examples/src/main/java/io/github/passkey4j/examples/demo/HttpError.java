package io.github.passkey4j.examples.demo;

import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.PasskeyException.Code;
import io.github.passkey4j.web.WebError;
import java.util.Map;
import java.util.Set;

/**
 * A failure the demo server answers itself, before or beside the library: an unknown path, a wrong
 * method, a body that is too large or not JSON, a missing bearer, another user's id. It carries the
 * HTTP status and the seed's error body, like {@code PasskeyException} does for the library's own.
 */
final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ErrorBody body;
    private final transient Map<String, String> headers;

    private HttpError(int status, Code code, String id, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.body = ErrorBody.of(code, id, message);
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    ErrorBody body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    static HttpError notFound() {
        return new HttpError(404, Code.NOT_FOUND, "DEMO-PATH-NOT-FOUND", "no such path", Map.of());
    }

    static HttpError methodNotAllowed(Set<String> allowed) {
        return new HttpError(405, Code.UNIMPLEMENTED, "DEMO-METHOD-NOT-ALLOWED",
                "method not allowed on this path; allowed: " + String.join(", ", allowed),
                Map.of("Allow", String.join(", ", allowed)));
    }

    static HttpError tooLarge(int limit) {
        return new HttpError(413, Code.INVALID_ARGUMENT, "DEMO-BODY-TOO-LARGE",
                "the request body is larger than " + (limit / 1024 / 1024) + " MiB", Map.of("Connection", "close"));
    }

    static HttpError unauthenticated(String message) {
        return new HttpError(401, Code.UNAUTHENTICATED, WebError.UNAUTHENTICATED, message,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    static HttpError userNotFound() {
        return new HttpError(404, Code.NOT_FOUND, "DEMO-USER-NOT-FOUND", "the user was not found", Map.of());
    }

    static HttpError notJson(String message) {
        return new HttpError(400, Code.INVALID_ARGUMENT, "DEMO-BODY-NOT-JSON", message, Map.of());
    }

    static HttpError badField(String message) {
        return new HttpError(400, Code.INVALID_ARGUMENT, WebError.FIELD_INVALID, message, Map.of());
    }

    static HttpError loginNameTaken() {
        return new HttpError(409, Code.ALREADY_EXISTS, "DEMO-LOGIN-NAME-TAKEN", "this login name is taken", Map.of());
    }

    static HttpError rateLimited(long retryAfterSeconds) {
        return new HttpError(429, Code.RESOURCE_EXHAUSTED, "DEMO-RATE-LIMITED",
                "too many requests from this address; try again in " + retryAfterSeconds + " s",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static HttpError tooManyFailures(long retryAfterSeconds) {
        return new HttpError(429, Code.RESOURCE_EXHAUSTED, "DEMO-TOO-MANY-FAILURES",
                "too many failed attempts; try again in " + retryAfterSeconds + " s",
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static HttpError requestTimeout() {
        return new HttpError(408, Code.DEADLINE_EXCEEDED, "DEMO-REQUEST-TIMEOUT",
                "the request did not arrive in time", Map.of("Connection", "close"));
    }

    static HttpError notReady() {
        return new HttpError(503, Code.UNAVAILABLE, "DEMO-NOT-READY",
                "the database did not answer within 1 s", Map.of("Retry-After", "1"));
    }

    /**
     * The error body of an answer the HTTP server gives itself (a request it could not parse, headers
     * too large, a URI too long, a timeout): the status stays, the body is the seed's.
     *
     * @param status the server's status
     * @return its error
     */
    static HttpError ofServerStatus(int status) {
        return switch (status) {
            case 408 -> requestTimeout();
            case 413 -> tooLarge(Dispatcher.MAX_BODY_BYTES);
            case 414 -> new HttpError(414, Code.INVALID_ARGUMENT, "DEMO-URI-TOO-LONG", "the request URI is too long",
                    Map.of());
            case 431 -> new HttpError(431, Code.INVALID_ARGUMENT, "DEMO-HEADERS-TOO-LARGE",
                    "the request headers are too large", Map.of());
            case 404 -> notFound();
            case 503 -> new HttpError(503, Code.UNAVAILABLE, "DEMO-UNAVAILABLE", "the server cannot answer now",
                    Map.of());
            default -> status >= 500
                    ? new HttpError(status, Code.INTERNAL, "DEMO-INTERNAL", "internal error", Map.of())
                    : new HttpError(status, Code.INVALID_ARGUMENT, "DEMO-BAD-REQUEST", "the request is not valid HTTP",
                            Map.of());
        };
    }

    static HttpError internal() {
        return new HttpError(500, Code.INTERNAL, "DEMO-INTERNAL", "internal error", Map.of());
    }
}
