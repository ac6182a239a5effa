package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.WebError;
import io.github.passkey4j.PasskeyException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty {@link Handler}: resolves the route, then checks in the order of the contract: unknown
 * path 404, wrong method 405, body over 1 MiB 413 (from Content-Length, or while reading; what is
 * left of the body {@link DemoJetty} drops after the answer); then {@link DemoApi} (the server-free part, which other hosts of the API call
 * too): the rate limits 429, missing or unknown bearer 401, body not JSON 400, the handler. A
 * {@link PasskeyException} becomes its own status and error body.
 *
 * <p>The body is read without holding a thread (Jetty's demand callbacks), and must arrive within the
 * request timeout ({@link DemoJetty}): else 408 and the connection is closed. Then the handler runs on Jetty's pool.
 *
 * <p>What the bearer must be depends on the route ({@link Endpoint.Access}): a signed-in user's token,
 * optionally so (routes that take a registration code instead), or the current token of the sign-in
 * session in the path. The log names a route by its pattern (an unknown one by its path), never by
 * the query, and never shows a header or a body, so no token or registration code ends up there.
 */
final class Dispatcher extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The largest request body read. */
    static final int MAX_BODY_BYTES = DemoApi.MAX_BODY_BYTES;

    private final DemoApi api;
    private final boolean trustForwardedFor;

    /**
     * @param api the API the requests go to
     * @param trustForwardedFor whether the client address is the last one of {@code X-Forwarded-For}
     */
    Dispatcher(DemoApi api, boolean trustForwardedFor) {
        super(InvocationType.BLOCKING);
        this.api = api;
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        Router.Match<Endpoint> match = api.match(method, path);
        if (match instanceof Router.Found<Endpoint> found) {
            long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            if (declared > MAX_BODY_BYTES) {
                send(request, response, callback, api.error(HttpError.tooLarge(MAX_BODY_BYTES)), found.route().pattern(), start);
                return true;
            }
            new BodyReader(request, response, callback, found, start).begin();
        } else {
            send(request, response, callback, api.unmatched(match), path, start);
        }
        return true;
    }

    /**
     * Reads the body as it arrives, at most {@link #MAX_BODY_BYTES}; then calls. A read past the request's
     * deadline ({@link DemoJetty}), or below the minimum rate, fails with a {@link TimeoutException}: 408.
     */
    private final class BodyReader implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Router.Found<Endpoint> found;
        private final long start;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean finished = new AtomicBoolean();

        BodyReader(Request request, Response response, Callback callback, Router.Found<Endpoint> found, long start) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.found = found;
            this.start = start;
        }

        void begin() {
            run();
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
                        answerError(HttpError.requestTimeout()); // the deadline, the minimum rate, the idle timeout
                    } else if (finished.compareAndSet(false, true)) {
                        callback.failed(failure); // the client went away or sent a broken body
                    }
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                boolean last = chunk.isLast();
                if (body.size() + bytes.remaining() > MAX_BODY_BYTES) {
                    chunk.release();
                    if (finished.compareAndSet(false, true)) {
                        send(request, response, callback,
                                api.error(HttpError.tooLarge(MAX_BODY_BYTES)), found.route().pattern(), start);
                    }
                    return;
                }
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.write(copy, 0, copy.length);
                chunk.release();
                if (last) {
                    if (finished.compareAndSet(false, true)) {
                        DemoApi.Reply reply = api.call(request.getMethod(), found, name -> request.getHeaders().get(name),
                                () -> clientAddress(request), body.toByteArray());
                        send(request, response, callback, reply, found.route().pattern(), start);
                    }
                    return;
                }
            }
        }

        private void answerError(WebError e) {
            if (finished.compareAndSet(false, true)) {
                send(request, response, callback, api.error(e), found.route().pattern(), start);
            }
        }
    }

    /**
     * The client's address for the rate limits: the connection's, or behind a trusted proxy the last
     * entry of {@code X-Forwarded-For} (the one that proxy added; entries before it are the client's word).
     */
    private String clientAddress(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        String connection = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        return DemoApiHost.clientAddress(trustForwardedFor, request.getHeaders().get(HttpHeader.X_FORWARDED_FOR), connection);
    }

    private static void send(Request request, Response response, Callback callback, DemoApi.Reply reply, String route,
            long start) {
        HttpFields.Mutable headers = response.getHeaders();
        DemoApi.responseHeaders(reply).forEach(headers::put);
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

}
