package io.github.passkey4j.examples.demo;

import java.io.IOException;

/**
 * What a route does: who may call it, and the handler.
 *
 * @param access who may call it
 * @param handler the handler
 */
record Endpoint(Access access, Handler handler) {

    /** Who may call a route. */
    enum Access {
        /** Anyone. */
        PUBLIC,
        /** A bearer token of a signed-in user: {@code Authorization: Bearer <sessionToken>}. */
        USER,
        /**
         * A bearer token of a signed-in user when the request has an {@code Authorization} header (then
         * checked as for {@link #USER}); without one, the handler decides (a registration code).
         */
        USER_OR_CODE,
        /**
         * The current token of the sign-in session the path's {@code {sessionId}} names, whether or not
         * its passkey check succeeded yet.
         */
        SESSION
    }

    /** Answers one call: a value serialized as the JSON response, or a {@link Resource}. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws IOException;
    }

    /**
     * A response that is not JSON: the page and its assets.
     *
     * @param contentType its media type
     * @param bytes its content
     */
    record Resource(String contentType, byte[] bytes) {
    }
}
