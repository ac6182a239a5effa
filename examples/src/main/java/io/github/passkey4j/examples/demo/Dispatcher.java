package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.WebError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.PasskeyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty {@link Handler}: resolves the route, then checks in the order of the contract: unknown
 * path 404, wrong method 405, body over 1 MiB 413 (from Content-Length, or while reading, never
 * reading further), the rate limits 429, missing or unknown bearer 401, body not JSON 400; then the
 * handler runs. A {@link PasskeyException} becomes its own status and error body.
 *
 * <p>The body is read without holding a thread (Jetty's demand callbacks), and must arrive within the
 * request timeout: else 408 and the connection is closed. Then the handler runs on Jetty's pool.
 *
 * <p>What the bearer must be depends on the route ({@link Endpoint.Access}): a signed-in user's token,
 * optionally so (routes that take a registration code instead), or the current token of the sign-in
 * session in the path. The log names a route by its pattern (an unknown one by its path), never by
 * the query, and never shows a header or a body, so no token or registration code ends up there.
 */
final class Dispatcher extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The largest request body read. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * After a 413, how much more of the body is read and dropped before the connection closes, so that
     * a client that sends eagerly (curl, Java's HttpClient) reads the answer instead of a reset.
     */
    static final long DRAIN_BYTES = 4L * MAX_BODY_BYTES;

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Router<Endpoint> router;
    private final Bearers bearers;
    private final ObjectMapper json;
    private final Optional<RateLimits> limits;
    private final boolean trustForwardedFor;
    private final Duration bodyTimeout;

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
     * @param limits the rate limits, empty when they are off
     * @param trustForwardedFor whether the client address is the last one of {@code X-Forwarded-For}
     * @param bodyTimeout how long the body may take to arrive
     */
    Dispatcher(Router<Endpoint> router, Bearers bearers, ObjectMapper json, Optional<RateLimits> limits,
            boolean trustForwardedFor, Duration bodyTimeout) {
        super(InvocationType.BLOCKING);
        this.router = router;
        this.bearers = bearers;
        this.json = json;
        this.limits = limits;
        this.trustForwardedFor = trustForwardedFor;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Router.Match<Endpoint> match = router.match(method, path == null ? "/" : path);
        if (match instanceof Router.Found<Endpoint> found) {
            long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > MAX_BODY_BYTES) {
                WebError e = HttpError.tooLarge(MAX_BODY_BYTES);
                Callback drained = declared <= DRAIN_BYTES ? new Drain(request, callback) : callback;
                send(request, response, drained, error(e.status(), e.body(), e.headers()), found.route().pattern(), start);
                return true;
            }
            new BodyReader(request, response, callback, found, start).begin();
        } else {
            WebError e = match instanceof Router.MethodNotAllowed<Endpoint> m
                    ? HttpError.methodNotAllowed(m.allowed()) : HttpError.notFound();
            send(request, response, callback, error(e.status(), e.body(), e.headers()), path, start);
        }
        return true;
    }

    /** Reads the body as it arrives, at most {@link #MAX_BODY_BYTES}, within the body timeout; then calls. */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Router.Found<Endpoint> found;
        private final long start;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();
        private Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback, Router.Found<Endpoint> found, long start) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.found = found;
            this.start = start;
        }

        void begin() {
            deadline = request.getComponents().getScheduler().schedule(this::expire, bodyTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            run();
        }

        private void expire() {
            answerError(HttpError.requestTimeout());
        }

        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    if (failure instanceof TimeoutException) {
                        answerError(HttpError.requestTimeout()); // the minimum data rate, or the idle timeout
                    } else if (finished.compareAndSet(false, true)) {
                        deadline.cancel();
                        callback.failed(failure); // the client went away or sent a broken body
                    }
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                boolean last = chunk.isLast();
                if (body.size() + bytes.remaining() > MAX_BODY_BYTES) {
                    boolean lastOne = chunk.isLast();
                    chunk.release();
                    if (finished.compareAndSet(false, true)) {
                        deadline.cancel();
                        WebError e = HttpError.tooLarge(MAX_BODY_BYTES);
                        send(request, response, lastOne ? callback : new Drain(request, callback),
                                error(e.status(), e.body(), e.headers()), found.route().pattern(), start);
                    }
                    return;
                }
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.write(copy, 0, copy.length);
                chunk.release();
                if (last) {
                    if (finished.compareAndSet(false, true)) {
                        deadline.cancel();
                        Reply reply = call(request, found, body.toByteArray());
                        send(request, response, callback, reply, found.route().pattern(), start);
                    }
                    return;
                }
            }
        }

        private void answerError(WebError e) {
            if (finished.compareAndSet(false, true)) {
                deadline.cancel();
                send(request, response, callback, error(e.status(), e.body(), e.headers()), found.route().pattern(), start);
            }
        }
    }

    /**
     * Once the 413 is written, reads and drops the rest of the body, at most {@link #DRAIN_BYTES} and
     * within the request timeout, then ends the exchange (its {@code Connection: close} closes the
     * connection): the client finishes sending and reads the answer instead of a reset.
     */
    private final class Drain implements Callback, Runnable {
        private final Request request;
        private final Callback done;
        private final AtomicBoolean ended = new AtomicBoolean();
        private long dropped;
        private Scheduler.Task deadline;

        Drain(Request request, Callback done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public void succeeded() {
            deadline = request.getComponents().getScheduler().schedule(this::end, bodyTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void failed(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                done.failed(failure);
            }
        }

        @Override
        public void run() {
            while (!ended.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                boolean stop = Content.Chunk.isFailure(chunk) || chunk.isLast();
                dropped += chunk.remaining();
                chunk.release();
                if (stop || dropped > DRAIN_BYTES) {
                    end();
                    return;
                }
            }
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                if (deadline != null) {
                    deadline.cancel();
                }
                done.succeeded();
            }
        }
    }

    private Reply call(Request request, Router.Found<Endpoint> found, byte[] body) {
        String method = request.getMethod();
        String route = found.route().pattern();
        Endpoint endpoint = found.route().handler();
        HttpFields headers = request.getHeaders();
        // a route that takes a bearer or a code is limited only without the bearer
        boolean limited = limits.isPresent() && endpoint.limit() != Endpoint.Limit.NONE
                && !(endpoint.access() == Endpoint.Access.USER_OR_CODE && headers.contains(HttpHeader.AUTHORIZATION));
        String address = limited ? clientAddress(request) : null;
        Optional<String> name = Optional.empty();
        try {
            if (limited) {
                name = endpoint.limit().name(found.params(), lenient(body));
                limits.get().check(address, name);
            }
            Reply reply = run(request, found, endpoint, headers, body);
            return reply;
        } catch (WebError e) {
            countFailure(limited, e.status(), address, name);
            return error(e.status(), e.body(), e.headers());
        } catch (PasskeyException e) {
            LOG.debug("{} {}: {} {}", method, route, e.httpStatus(), e.reason().id());
            countFailure(limited, e.httpStatus(), address, name);
            return error(e.httpStatus(), e.toErrorBody(), Map.of());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", method, route, e);
            WebError internal = HttpError.internal();
            return error(internal.status(), internal.body(), internal.headers());
        }
    }

    /** A failed attempt: a 4xx answer other than the rate limit's own. */
    private void countFailure(boolean limited, int status, String address, Optional<String> name) {
        if (limited && status >= 400 && status < 500 && status != 429) {
            limits.get().failed(address, name);
        }
    }

    private Reply run(Request request, Router.Found<Endpoint> found, Endpoint endpoint, HttpFields headers, byte[] body)
            throws IOException {
        String userId = null;
        String sessionToken = null;
        switch (endpoint.access()) {
            case USER:
                userId = signedIn(bearer(headers));
                break;
            case USER_OR_CODE:
                if (headers.contains(HttpHeader.AUTHORIZATION)) {
                    userId = signedIn(bearer(headers));
                }
                break;
            case SESSION:
                sessionToken = bearer(headers);
                if (!bearers.isSessionToken(found.params().get("sessionId"), sessionToken)) {
                    throw HttpError.unauthenticated("the session token is not valid for this session");
                }
                break;
            case ANY_TOKEN:
                sessionToken = bearer(headers);
                break;
            default:
                break;
        }
        ObjectNode parsed = hasBody(request.getMethod()) ? parse(body) : json.createObjectNode();
        Object result = endpoint.handler().handle(new Call(found.params(), userId, sessionToken, parsed,
                headers.get(HttpHeader.ORIGIN)));
        if (result instanceof Endpoint.Resource resource) {
            return new Reply(200, resource.contentType(), resource.bytes(), Map.of());
        }
        return new Reply(200, JSON_TYPE, json.writeValueAsBytes(result), Map.of());
    }

    /**
     * The client's address for the rate limits: the connection's, or behind a trusted proxy the last
     * entry of {@code X-Forwarded-For} (the one that proxy added; entries before it are the client's word).
     */
    private String clientAddress(Request request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeaders().get(HttpHeader.X_FORWARDED_FOR);
            if (forwarded != null) {
                String[] hops = forwarded.split(",");
                for (int i = hops.length - 1; i >= 0; i--) {
                    String hop = hops[i].strip();
                    if (!hop.isEmpty()) {
                        return hop;
                    }
                }
            }
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
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
    private static String bearer(HttpFields headers) {
        String authorization = headers.get(HttpHeader.AUTHORIZATION);
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

    private static void send(Request request, Response response, Callback callback, Reply reply, String route, long start) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (reply.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        }
        reply.headers().forEach(headers::put);
        response.setStatus(reply.status());
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback);
        } else {
            headers.put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(reply.body().length)));
            response.write(true, ByteBuffer.wrap(reply.body()), callback);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} {} ms", request.getMethod(), route, reply.status(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    }
}
