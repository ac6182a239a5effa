package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.PasskeyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link HttpHandler}: resolves the route, then checks in the order of the contract: unknown
 * path 404, wrong method 405, body over 1 MiB 413 (from Content-Length, or while reading, never
 * reading further), missing or unknown bearer 401, body not JSON 400; then the handler runs. A
 * {@link PasskeyException} becomes its own status and error body.
 *
 * <p>What the bearer must be depends on the route ({@link Endpoint.Access}): a signed-in user's token,
 * optionally so (routes that take a registration code instead), or the current token of the sign-in
 * session in the path. The log names a route by its pattern (an unknown one by its path), never by
 * the query, and never shows a header or a body, so no token or registration code ends up there.
 */
final class Dispatcher implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The largest request body read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Router<Endpoint> router;
    private final Bearers bearers;
    private final ObjectMapper json;

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
     * @param router the routes
     * @param bearers what a bearer token is
     * @param json the mapper that reads bodies and writes responses
     */
    Dispatcher(Router<Endpoint> router, Bearers bearers, ObjectMapper json) {
        this.router = router;
        this.bearers = bearers;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String route = exchange.getRequestURI().getRawPath();
        Reply reply;
        try {
            Router.Match<Endpoint> match = router.match(method, exchange.getRequestURI().getRawPath());
            if (match instanceof Router.Found<Endpoint> found) {
                route = found.route().pattern();
                reply = call(exchange, found);
            } else if (match instanceof Router.MethodNotAllowed<Endpoint> m) {
                throw HttpError.methodNotAllowed(m.allowed());
            } else {
                throw HttpError.notFound();
            }
        } catch (HttpError e) {
            reply = error(e.status(), e.body(), e.headers());
        } catch (PasskeyException e) {
            LOG.debug("{} {}: {} {}", method, route, e.httpStatus(), e.reason().id());
            reply = error(e.httpStatus(), e.toErrorBody(), Map.of());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", method, route, e);
            HttpError internal = HttpError.internal();
            reply = error(internal.status(), internal.body(), internal.headers());
        }
        try {
            send(exchange, reply);
        } catch (IOException e) {
            LOG.debug("{} {}: the client went away", method, route);
        } finally {
            exchange.close();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {} ms", method, route, reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private Reply call(HttpExchange exchange, Router.Found<Endpoint> found) throws IOException {
        Endpoint endpoint = found.route().handler();
        byte[] body = readBody(exchange);
        Headers headers = exchange.getRequestHeaders();
        String userId = null;
        String sessionToken = null;
        switch (endpoint.access()) {
            case USER:
                userId = signedIn(bearer(headers));
                break;
            case USER_OR_CODE:
                if (headers.containsKey("Authorization")) {
                    userId = signedIn(bearer(headers));
                }
                break;
            case SESSION:
                sessionToken = bearer(headers);
                if (!bearers.isSessionToken(found.params().get("sessionId"), sessionToken)) {
                    throw HttpError.unauthenticated("the session token is not valid for this session");
                }
                break;
            default:
                break;
        }
        ObjectNode parsed = hasBody(exchange.getRequestMethod()) ? parse(body) : json.createObjectNode();
        Object result = endpoint.handler().handle(new Call(found.params(), userId, sessionToken, parsed));
        if (result instanceof Endpoint.Resource resource) {
            return new Reply(200, resource.contentType(), resource.bytes(), Map.of());
        }
        return new Reply(200, JSON_TYPE, json.writeValueAsBytes(result), Map.of());
    }

    private static boolean hasBody(String method) {
        return method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
    }

    /** Reads at most {@link #MAX_BODY_BYTES}; a larger body is refused without reading it to the end. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > MAX_BODY_BYTES) {
                    throw HttpError.tooLarge(MAX_BODY_BYTES);
                }
            } catch (NumberFormatException e) {
                throw HttpError.notJson("the Content-Length header is not a number");
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw HttpError.tooLarge(MAX_BODY_BYTES);
        }
        return body;
    }

    /** @return the token of the {@code Authorization: Bearer} header; 401 when there is none */
    private static String bearer(Headers headers) {
        String authorization = headers.getFirst("Authorization");
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

    /** An empty body is {@code {}} (as grpc-gateway reads it); anything else must be a JSON object. */
    private ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.notJson("the request body is not valid JSON");
        } catch (IOException e) {
            throw HttpError.notJson("the request body cannot be read as JSON");
        }
        if (node == null || node.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw HttpError.notJson("the request body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private Reply error(int status, ErrorBody body, Map<String, String> headers) {
        try {
            return new Reply(status, JSON_TYPE, json.writeValueAsBytes(body), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body cannot be written", e);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", reply.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        if (reply.contentType().startsWith("text/html")) {
            headers.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        }
        reply.headers().forEach(headers::set);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }
}
