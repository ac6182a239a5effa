package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What a route does: who may call it, the handler, and whether it is rate limited.
 *
 * @param access who may call it
 * @param handler the handler
 * @param limit how it is rate limited; {@link Limit#NONE} for routes that need a bearer
 */
record Endpoint(Access access, Handler handler, Limit limit) {

    /**
     * A route that is not rate limited.
     *
     * @param access who may call it
     * @param handler the handler
     */
    Endpoint(Access access, Handler handler) {
        this(access, handler, Limit.NONE);
    }

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
        SESSION,
        /** Any bearer token the demo handed out; the handler gets it unchecked ({@link Call#sessionToken}). */
        ANY_TOKEN
    }

    /** Answers one call: a value serialized as the JSON response, or a {@link Resource}. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws IOException;
    }

    /**
     * The rate limit of a route that needs no bearer: counted per client address, and the failed
     * attempts also per the user or login name {@link #name} finds in the request. On a route that
     * takes a bearer or a code, a request with an {@code Authorization} header is not counted (its
     * bearer is checked instead).
     */
    @FunctionalInterface
    interface Limit {
        /** Not rate limited. */
        Limit NONE = (params, body) -> Optional.empty();

        /**
         * @param params the path parameters
         * @param body the JSON body, or null when it is not a JSON object
         * @return the user or login name the request is for, when it names one
         */
        Optional<String> name(Map<String, String> params, JsonNode body);
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
