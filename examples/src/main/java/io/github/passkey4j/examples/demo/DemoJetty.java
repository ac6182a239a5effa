package io.github.passkey4j.examples.demo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The demo's server bounds on a Jetty {@link Server}: one place for both hosts, the JDK demo's
 * {@link DemoServer} and the Spring Boot sample (through Spring Boot's {@code JettyServerCustomizer}), so
 * that both keep the same bounds, made for the open internet:
 *
 * <ul>
 *   <li>request headers at most {@link #MAX_HEADER_BYTES} (431), a URI at most as long (414), Jetty's own
 *       refusals (a request it cannot parse, a timeout) with the seed's error body ({@link ServerErrors});
 *   <li>a connection over the cap answered 503 and closed at once, and the request headers within the
 *       request timeout in all, however slowly their bytes keep coming ({@link ConnectionGuard});
 *   <li>the body within the request timeout of its headers in all, and at a minimum rate once it began:
 *       a read past the deadline fails with a {@link TimeoutException}, also when it is waiting for bytes
 *       that do not come, so that the host answers 408
 *       ({@link io.github.passkey4j.web.WebError#ofBodyReadFailure});
 *   <li>after an answer given before the body was read to its end, up to {@link #DRAIN_BYTES} more of it
 *       read and dropped, within the same deadline, so that the client reads the answer;
 *   <li>an idle connection closed after the idle timeout; no {@code Server} header.
 * </ul>
 */
public final class DemoJetty implements AutoCloseable {

    /** The largest request header block and URI accepted (431 and 414 beyond). */
    public static final int MAX_HEADER_BYTES = 8 * 1024;

    /** The slowest a request body may arrive, in bytes a second, once it began (Jetty's MinimumDataRateHandler). */
    static final long MIN_BODY_BYTES_PER_SECOND = 256;

    /**
     * After an answer given before the whole body was read (a 413, a 404), how much more of a body is read
     * and dropped, within the request's deadline, before the connection closes: so that a client that
     * sends eagerly (curl, Java's HttpClient) reads the answer instead of a reset.
     */
    static final long DRAIN_BYTES = 4L * 1024 * 1024;

    /** The failure a read past the request's deadline gets. */
    static final String DEADLINE_MESSAGE = "the request did not arrive in time";

    /**
     * The bounds.
     *
     * @param requestTimeout how long a request's headers may take, and then its body
     * @param idleTimeout how long a connection may stay without a request
     * @param maxConnections connections served at once; the next one is answered 503
     */
    public record Bounds(Duration requestTimeout, Duration idleTimeout, int maxConnections) {
        /**
         * @throws IllegalArgumentException when a timeout is not positive or the cap is below 1
         */
        public Bounds {
            if (requestTimeout.isNegative() || requestTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("the request and idle timeouts must be positive");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("the connection cap must be at least 1, not " + maxConnections);
            }
        }

        /** @return the bounds of the demo's command line */
        static Bounds of(DemoOptions options) {
            return new Bounds(options.requestTimeout(), options.idleTimeout(), options.maxConnections());
        }
    }

    private final Bounds bounds;
    private final ConnectionGuard guard;

    private DemoJetty(Bounds bounds, ConnectionGuard guard) {
        this.bounds = bounds;
        this.guard = guard;
    }

    /**
     * Applies the bounds to a server and its connector (not started yet): the connector's HTTP settings,
     * idle timeout and connection guard, the server's error handler. The handler is the caller's: wrap it
     * with {@link #wrap}.
     *
     * @param server the server
     * @param connector its connector, with an {@link HttpConnectionFactory}
     * @param bounds the bounds
     * @return the installed bounds, to {@link #wrap} the handler with, ask {@link #openConnections} and
     *     {@link #close} once the server stopped
     */
    public static DemoJetty install(Server server, ServerConnector connector, Bounds bounds) {
        HttpConnectionFactory factory = connector.getConnectionFactory(HttpConnectionFactory.class);
        if (factory == null) {
            throw new IllegalArgumentException("the connector has no HTTP/1.1 connection factory");
        }
        HttpConfiguration http = factory.getHttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(true);
        connector.setIdleTimeout(bounds.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        ConnectionGuard guard = new ConnectionGuard(bounds.maxConnections(), bounds.requestTimeout(),
                DemoApi.errorBytes(DemoApiHost.mapper(), HttpError.ofServerStatus(503).body()));
        connector.addBean(guard);
        server.setErrorHandler(new ServerErrors(DemoApiHost.mapper()));
        return new DemoJetty(bounds, guard);
    }

    /**
     * @param handler the host's handler
     * @return it, behind the body's deadline and minimum rate
     */
    public Handler wrap(Handler handler) {
        return new BodyDeadline(new MinimumDataRateHandler(handler, MIN_BODY_BYTES_PER_SECOND, 0),
                bounds.requestTimeout());
    }

    /** @return the connections open now */
    public int openConnections() {
        return guard.open();
    }

    /** Stops the header deadline's sweep. */
    @Override
    public void close() {
        guard.close();
    }

    /**
     * The body's deadline: from when the handler gets the request, the request timeout; past it, a read
     * that has not reached the body's end gets a {@link TimeoutException}, and a read waiting for bytes is
     * woken to get it. Jetty's own timeouts do not do this: the idle timeout starts again with every byte,
     * and the minimum rate is checked only when more bytes are asked for.
     */
    static final class BodyDeadline extends Handler.Wrapper {

        private final Duration timeout;

        BodyDeadline(Handler handler, Duration timeout) {
            super(handler);
            this.timeout = timeout;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            DeadlineRequest bounded = new DeadlineRequest(request);
            Scheduler.Task task = request.getComponents().getScheduler().schedule(bounded::expire, timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            Callback done = new Drain(bounded, Callback.from(task::cancel, callback));
            boolean handled;
            try {
                handled = super.handle(bounded, response, done);
            } catch (Exception | Error e) {
                task.cancel();
                throw e;
            }
            if (!handled) {
                task.cancel();
            }
            return handled;
        }
    }

    /**
     * The exchange's end: once the answer is written, what is left of a body the handler did not read to
     * its end (at most {@link #DRAIN_BYTES}, within the request's deadline) is read and dropped; then the
     * exchange ends (Jetty closes the connection when the body's end was not reached).
     */
    private static final class Drain implements Callback, Runnable {

        private final DeadlineRequest request;
        private final Callback done;
        private final AtomicBoolean ended = new AtomicBoolean();
        private long dropped;

        Drain(DeadlineRequest request, Callback done) {
            this.request = request;
            this.done = done;
        }

        @Override
        public void succeeded() {
            long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
            boolean body = declared > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
            if (request.complete || !body || declared > DRAIN_BYTES) {
                end();
                return;
            }
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
                done.succeeded();
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return done.getInvocationType();
        }
    }

    /** A request whose reads fail once its deadline passed before its body's end was read. */
    private static final class DeadlineRequest extends Request.Wrapper {

        private final AtomicReference<Runnable> waiting = new AtomicReference<>();
        private volatile Content.Chunk failure;
        private volatile boolean complete;

        DeadlineRequest(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk expired = failure;
            if (expired != null) {
                return expired;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast()) {
                complete = true;
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (failure != null) {
                demandCallback.run();
                return;
            }
            waiting.set(demandCallback);
            if (failure != null) { // expired meanwhile: whoever takes the callback runs it
                Runnable callback = waiting.getAndSet(null);
                if (callback != null) {
                    callback.run();
                }
                return;
            }
            super.demand(() -> {
                Runnable callback = waiting.getAndSet(null);
                if (callback != null) {
                    callback.run();
                }
            });
        }

        void expire() {
            if (complete) {
                return;
            }
            failure = Content.Chunk.from(new TimeoutException(DEADLINE_MESSAGE), true);
            Runnable callback = waiting.getAndSet(null);
            if (callback != null) {
                getContext().execute(callback);
            }
        }
    }
}
