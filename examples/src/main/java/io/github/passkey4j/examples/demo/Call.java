package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import io.github.passkey4j.web.Fields;

/**
 * One request as a handler sees it: the path parameters, the signed-in user (on routes that need
 * one), the checked bearer token of a sign-in session (on its routes) and the JSON body ({@code {}}
 * when the request has none).
 */
final class Call {

    private final Map<String, String> params;
    private final String userId;
    private final String sessionToken;
    private final ObjectNode body;
    private final String origin;

    Call(Map<String, String> params, String userId, String sessionToken, ObjectNode body) {
        this(params, userId, sessionToken, body, null);
    }

    Call(Map<String, String> params, String userId, String sessionToken, ObjectNode body, String origin) {
        this.params = Map.copyOf(params);
        this.userId = userId;
        this.sessionToken = sessionToken;
        this.body = Objects.requireNonNull(body, "body");
        this.origin = origin;
    }

    /** @return the request's {@code Origin} header, when the browser sent one */
    Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** @return the route's path parameters */
    Map<String, String> params() {
        return params;
    }

    /** @return the path parameter {@code {name}} of the route */
    String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no parameter " + name);
        }
        return value;
    }

    /** @return the id of the user the bearer token belongs to */
    String userId() {
        if (userId == null) {
            throw new IllegalStateException("the route is public: no user");
        }
        return userId;
    }

    /** @return whether a bearer of a signed-in user came with the call (routes that take a code instead) */
    boolean signedIn() {
        return userId != null;
    }

    /** @return the bearer token, checked as the current token of the path's sign-in session */
    String sessionToken() {
        if (sessionToken == null) {
            throw new IllegalStateException("the route is not a sign-in session's");
        }
        return sessionToken;
    }

    @Override
    public String toString() {
        return "Call[params=" + params + ", userId=" + userId + "]"; // never the token or the body
    }

    /** @return the request body */
    ObjectNode body() {
        return body;
    }

    /** @return {@code body.field} when it is a string; empty when absent or null; 400 otherwise */
    Optional<String> string(String field) {
        return Fields.string(body, field);
    }

    /** @return {@code node.field} when it is an object; empty when absent or null; 400 otherwise */
    Optional<JsonNode> object(String field) {
        return Fields.object(body, field, field);
    }

    /**
     * @param node the object holding the field
     * @param field the field
     * @param path the field's path, for the message
     * @return the WebAuthn Level 3 hints, when the field is present ({@link Fields#hints})
     */
    static Optional<java.util.List<io.github.passkey4j.Hint>> hints(JsonNode node, String field, String path) {
        return Fields.hints(node, field, path);
    }

    static Optional<String> string(JsonNode node, String field) {
        return Fields.string(node, field);
    }
}
