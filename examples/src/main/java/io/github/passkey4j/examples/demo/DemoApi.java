package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.RateLimits;
import io.github.passkey4j.web.RequestBodies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.web.WebError;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's HTTP API without a server: the routes, and in the order of the contract what comes
 * after a route was found and its body read: the rate limits 429, a missing or unknown bearer 401, a
 * body that is not JSON 400, then the handler; every refusal its status and the seed's error body. A
 * server reads the request (404 and 405 from {@link #match}, 413 while reading, 408 on its own
 * deadlines) and writes the {@link Reply} with {@link #responseHeaders}: the JDK demo's Jetty
 * {@link Dispatcher}, and any other host of the same API.
 */
final class DemoApi {

    private static final Logger LOG = LoggerFactory.getLogger(DemoApi.class);

    /** The largest request body read. */
    static final int MAX_BODY_BYTES = RequestBodies.MAX_BYTES;
    static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Router<Endpoint> router;
    private final Bearers bearers;
    private final ObjectMapper json;
    private final Optional<RateLimits> limits;

    /** What a bearer token is. */
    interface Bearers {
        /**
         * @param token a bearer token
         * @return the id of the signed-in user it belongs to, when it is a bearer of one
         */
        Optional<String> userIdForToken(String token);

        /**
         * @param sessionId a sign-in session's id
         * @param token a bearer token
         * @return whether it is the session's current token and the session has not expired
         */
        boolean isSessionToken(String sessionId, String token);
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param contentType its media type
     * @param body its bytes
     * @param headers headers beside {@link #responseHeaders}
     */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }

    /**
     * @param router the routes
     * @param bearers what a bearer token is
     * @param json the mapper that reads bodies and writes responses
     * @param limits the rate limits, empty when they are off
     */
    DemoApi(Router<Endpoint> router, Bearers bearers, ObjectMapper json, Optional<RateLimits> limits) {
        this.router = router;
        this.bearers = bearers;
        this.json = json;
        this.limits = limits;
    }

    /**
     * @param method the request's method
     * @param path its path
     * @return the route, or why there is none
     */
    Router.Match<Endpoint> match(String method, String path) {
        return router.match(method, path == null ? "/" : path);
    }

    /**
     * @param match a match that found no route
     * @return 405 with {@code Allow} when the path has other methods, else 404
     */
    Reply unmatched(Router.Match<Endpoint> match) {
        return error(match instanceof Router.MethodNotAllowed<Endpoint> m
                ? HttpError.methodNotAllowed(m.allowed()) : HttpError.notFound());
    }

    /**
     * Runs a found route on a request whose body was read.
     *
     * @param method the request's method
     * @param found the route
     * @param header the request's headers by name
     * @param clientAddress the client's address for the rate limits, asked only where they apply
     * @param body the body, at most {@link #MAX_BODY_BYTES}
     * @return the answer
     */
    Reply call(String method, Router.Found<Endpoint> found, Function<String, String> header,
            Supplier<String> clientAddress, byte[] body) {
        String route = found.route().pattern();
        Endpoint endpoint = found.route().handler();
        // a route that takes a bearer or a code is limited only without the bearer
        boolean limited = limits.isPresent() && endpoint.limit() != Endpoint.Limit.NONE
                && !(endpoint.access() == Endpoint.Access.USER_OR_CODE && header.apply("Authorization") != null);
        String address = limited ? clientAddress.get() : null;
        Optional<String> name = Optional.empty();
        try {
            if (limited) {
                name = endpoint.limit().name(found.params(), lenient(body));
                limits.get().check(address, name);
            }
            return run(method, found, endpoint, header, body);
        } catch (WebError e) {
            countFailure(limited, e.status(), address, name);
            return error(e);
        } catch (PasskeyException e) {
            LOG.debug("{} {}: {} {}", method, route, e.httpStatus(), e.reason().id());
            countFailure(limited, e.httpStatus(), address, name);
            return error(e.httpStatus(), e.toErrorBody(), Map.of());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", method, route, e);
            return error(HttpError.internal());
        }
    }

    /** A failed attempt: a 4xx answer other than the rate limit's own. */
    private void countFailure(boolean limited, int status, String address, Optional<String> name) {
        if (limited && status >= 400 && status < 500 && status != 429) {
            limits.get().failed(address, name);
        }
    }

    private Reply run(String method, Router.Found<Endpoint> found, Endpoint endpoint, Function<String, String> header,
            byte[] body) throws IOException {
        String userId = null;
        String sessionToken = null;
        switch (endpoint.access()) {
            case USER:
                userId = signedIn(bearer(header));
                break;
            case USER_OR_CODE:
                if (header.apply("Authorization") != null) {
                    userId = signedIn(bearer(header));
                }
                break;
            case SESSION:
                sessionToken = bearer(header);
                if (!bearers.isSessionToken(found.params().get("sessionId"), sessionToken)) {
                    throw HttpError.unauthenticated("the session token is not valid for this session");
                }
                break;
            case ANY_TOKEN:
                sessionToken = bearer(header);
                break;
            default:
                break;
        }
        ObjectNode parsed = hasBody(method) ? RequestBodies.parse(body) : json.createObjectNode();
        Object result = endpoint.handler().handle(new Call(found.params(), userId, sessionToken, parsed,
                header.apply("Origin")));
        if (result instanceof Endpoint.Resource resource) {
            return new Reply(200, resource.contentType(), resource.bytes(), Map.of());
        }
        return new Reply(200, JSON_TYPE, json.writeValueAsBytes(result), Map.of());
    }

    /** The body as JSON when it is an object, for the rate limit's name; null otherwise (400 comes later). */
    private JsonNode lenient(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
    }

    /** @return the token of the {@code Authorization: Bearer} header; 401 when there is none */
    private static String bearer(Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (authorization == null) {
            throw HttpError.unauthenticated("an Authorization: Bearer <sessionToken> header is required");
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw HttpError.unauthenticated("an Authorization: Bearer <sessionToken> header is required");
        }
        return parts[1];
    }

    private String signedIn(String token) {
        return bearers.userIdForToken(token).orElseThrow(() -> HttpError.unauthenticated("the session token is not valid"));
    }

    /**
     * @param e a refusal
     * @return its answer
     */
    Reply error(WebError e) {
        return error(e.status(), e.body(), e.headers());
    }

    Reply error(int status, ErrorBody body, Map<String, String> headers) {
        return new Reply(status, JSON_TYPE, errorBytes(json, body), headers);
    }

    /** @return the error body as JSON bytes */
    static byte[] errorBytes(ObjectMapper json, ErrorBody body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body cannot be written", e);
        }
    }

    /**
     * @param reply an answer
     * @return every header to send with it: its content type, no sniffing, no referrer, no caching, a
     *     content security policy for the pages, and its own
     */
    static Map<String, String> responseHeaders(Reply reply) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", reply.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        if (reply.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        }
        headers.putAll(reply.headers());
        return headers;
    }
}
