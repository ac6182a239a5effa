package io.github.passkey4j.web;

import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.PasskeyException.Code;
import java.util.Map;

/**
 * A refusal of an HTTP layer's own, beside the library's {@link io.github.passkey4j.PasskeyException}:
 * a field of the wrong type, no credentials, another user's id. It carries the HTTP status, ZITADEL's
 * error body and the headers to send.
 */
public final class WebError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The reason id of a request field of the wrong type or value. */
    public static final String FIELD_INVALID = "PASSKEY-FIELD-INVALID";
    /** The reason id of a call without the credentials its route needs. */
    public static final String UNAUTHENTICATED = "PASSKEY-UNAUTHENTICATED";
    /** The reason id of a request body that is not a JSON object. */
    public static final String BODY_NOT_JSON = "PASSKEY-BODY-NOT-JSON";
    /** The reason id of a request body over the server's bound. */
    public static final String BODY_TOO_LARGE = "PASSKEY-BODY-TOO-LARGE";
    /** The reason id of a request whose body did not arrive within the server's bound. */
    public static final String REQUEST_TIMEOUT = "PASSKEY-REQUEST-TIMEOUT";
    /** The reason id of a request body that broke off or could not be decoded (a broken chunked encoding). */
    public static final String BODY_UNREADABLE = "PASSKEY-BODY-UNREADABLE";
    /** The reason id of a call on another user's passkeys. */
    public static final String PERMISSION_DENIED = "PASSKEY-PERMISSION-DENIED";

    private final int status;
    private final transient ErrorBody body;
    private final transient Map<String, String> headers;

    /**
     * @param status the HTTP status
     * @param code the gRPC code of the body
     * @param id the reason id
     * @param message what to tell the caller
     * @param headers the headers to send with it
     */
    public WebError(int status, Code code, String id, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.body = ErrorBody.of(code, id, message);
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return ZITADEL's error body */
    public ErrorBody body() {
        return body;
    }

    /** @return the headers to send with it */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * @param message which field, and what it must be
     * @return a 400 {@value #FIELD_INVALID}
     */
    public static WebError badField(String message) {
        return new WebError(400, Code.INVALID_ARGUMENT, FIELD_INVALID, message, Map.of());
    }

    /**
     * @param message what is missing
     * @return a 401 {@value #UNAUTHENTICATED} with {@code WWW-Authenticate: Bearer}
     */
    public static WebError unauthenticated(String message) {
        return new WebError(401, Code.UNAUTHENTICATED, UNAUTHENTICATED, message, Map.of("WWW-Authenticate", "Bearer"));
    }

    /**
     * @param message what is wrong with the body
     * @return a 400 {@value #BODY_NOT_JSON}
     */
    public static WebError notJson(String message) {
        return new WebError(400, Code.INVALID_ARGUMENT, BODY_NOT_JSON, message, Map.of());
    }

    /**
     * @param limit the most a body may hold, in bytes (a whole number of MiB)
     * @return a 413 {@value #BODY_TOO_LARGE} with {@code Connection: close}
     */
    public static WebError tooLarge(int limit) {
        return new WebError(413, Code.INVALID_ARGUMENT, BODY_TOO_LARGE,
                "the request body is larger than " + (limit / 1024 / 1024) + " MiB", Map.of("Connection", "close"));
    }

    /** @return a 403 {@value #PERMISSION_DENIED}: a session acts on its own user only */
    public static WebError permissionDenied() {
        return new WebError(403, Code.PERMISSION_DENIED, PERMISSION_DENIED, "the session may act on its own user only",
                Map.of());
    }

    /** @return a 408 {@value #REQUEST_TIMEOUT} with {@code Connection: close}: the body did not arrive in time */
    public static WebError requestTimeout() {
        return new WebError(408, Code.DEADLINE_EXCEEDED, REQUEST_TIMEOUT, "the request did not arrive in time",
                Map.of("Connection", "close"));
    }

    /** @return a 400 {@value #BODY_UNREADABLE} with {@code Connection: close}: the body broke off */
    public static WebError bodyUnreadable() {
        return new WebError(400, Code.INVALID_ARGUMENT, BODY_UNREADABLE, "the request body could not be read",
                Map.of("Connection", "close"));
    }

    /**
     * The answer to a request whose body could not be read: {@link #requestTimeout()} when it did not arrive
     * in time (a {@link java.util.concurrent.TimeoutException} or {@link java.net.SocketTimeoutException}
     * among the causes: a server's deadline or read timeout), else {@link #bodyUnreadable()}.
     *
     * @param failure what reading the body threw
     * @return the refusal to answer with
     */
    public static WebError ofBodyReadFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return requestTimeout();
            }
        }
        return bodyUnreadable();
    }
}
