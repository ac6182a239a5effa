package io.github.passkey4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as a route's handler sees it.
 *
 * @param params the path parameters of the route's pattern
 * @param userId the signed-in user's id, if any (always present on {@link Route.Access#USER} routes)
 * @param origin the request's {@code Origin} header, if the browser sent one
 * @param body the JSON body ({@code {}} when the request has none)
 */
public record RouteCall(Map<String, String> params, Optional<String> userId, Optional<String> origin, ObjectNode body) {

    /**
     * Copies the parameters and checks that no component is null.
     *
     * @param params the path parameters of the route's pattern
     * @param userId the signed-in user's id, if any
     * @param origin the request's {@code Origin} header, if any
     * @param body the JSON body
     */
    public RouteCall {
        params = Map.copyOf(params);
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param name a parameter of the route's pattern
     * @return its value
     */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** @return the signed-in user's id; only on routes that have one */
    public String user() {
        return userId.orElseThrow(() -> new IllegalStateException("the call has no signed-in user"));
    }

    /** @return {@code body.field} when it is a string; empty when absent or null; a 400 otherwise */
    public Optional<String> string(String field) {
        return Fields.string(body, field);
    }

    /** @return {@code body.field} when it is an object; empty when absent or null; a 400 otherwise */
    public Optional<JsonNode> object(String field) {
        return Fields.object(body, field, field);
    }

    @Override
    public String toString() {
        return "RouteCall[params=" + params + ", userId=" + userId.orElse("-") + "]"; // never the body
    }
}
