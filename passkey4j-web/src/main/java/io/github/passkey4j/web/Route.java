package io.github.passkey4j.web;

import java.util.Objects;

/**
 * One route: its method, its path pattern ({@code {name}} segments are parameters), who may call it,
 * and its handler.
 *
 * @param method the HTTP method
 * @param pattern the path pattern, e.g. {@code /v2/users/{userId}/passkeys/{passkeyId}}
 * @param access who may call it
 * @param handler what it does
 */
public record Route(String method, String pattern, Access access, Handler handler) {

    /**
     * Checks that no component is null.
     *
     * @param method the HTTP method
     * @param pattern the path pattern
     * @param access who may call it
     * @param handler what it does
     */
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    /** Who may call a route. */
    public enum Access {
        /** A signed-in user only: the host answers 401 before the handler when there is none. */
        USER,
        /**
         * A signed-in user, or (without one) a registration code in the body, which the handler checks:
         * the host calls the handler without a user when the request has no credentials at all, and
         * rate-limits such calls.
         */
        USER_OR_CODE
    }

    /** What a route does. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param call the request
         * @return the value to answer, written as JSON (the library's response records, maps of them)
         * @throws io.github.passkey4j.PasskeyException the library's refusal, with its status and body
         * @throws WebError a refusal of the route's own (a field of the wrong type, another user's id)
         */
        Object handle(RouteCall call);
    }
}
