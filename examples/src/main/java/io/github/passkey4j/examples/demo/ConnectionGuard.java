package io.github.passkey4j.examples.demo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Jetty leaves to us, as a listener of the connector's connections:
 *
 * <ul>
 *   <li>A connection cap that refuses at once: Jetty's own {@code ConnectionLimit} stops accepting, so
 *       connections above it wait in the kernel's backlog for as long as the others stay. Here one over
 *       the cap is answered 503 and closed as soon as it opens.
 *   <li>A deadline for complete request headers: Jetty's idle timeout starts again with every byte, so
 *       a client sending a byte a second would hold its connection forever. A sweep four times a second
 *       closes every connection whose current request's headers have been arriving for longer than the
 *       request timeout.
 * </ul>
 */
final class ConnectionGuard implements Connection.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private static final byte[] REFUSED = ("HTTP/1.1 503 Service Unavailable\r\n"
            + "Content-Type: application/json; charset=utf-8\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: ")
            .getBytes(StandardCharsets.US_ASCII);

    private final int maxConnections;
    private final long headerDeadlineNanos;
    private final byte[] refusal;
    private final AtomicInteger open = new AtomicInteger();
    /** The connections served, with when their current request's headers began to arrive (0: none arriving). */
    private final Map<Connection, Progress> served = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /** Where a connection's current request was when the sweep first saw its headers arriving. */
    private record Progress(long messages, long since) {
    }

    /**
     * @param maxConnections connections served at once
     * @param headerDeadline how long a request's headers may take to arrive
     * @param refusalBody the error body of the 503 that refuses a connection over the cap
     */
    ConnectionGuard(int maxConnections, Duration headerDeadline, byte[] refusalBody) {
        this.maxConnections = maxConnections;
        this.headerDeadlineNanos = headerDeadline.toNanos();
        byte[] length = (refusalBody.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.refusal = new byte[REFUSED.length + length.length + refusalBody.length];
        System.arraycopy(REFUSED, 0, refusal, 0, REFUSED.length);
        System.arraycopy(length, 0, refusal, REFUSED.length, length.length);
        System.arraycopy(refusalBody, 0, refusal, REFUSED.length + length.length, refusalBody.length);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-header-deadline");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(250, headerDeadline.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        if (open.incrementAndGet() > maxConnections) {
            EndPoint endPoint = connection.getEndPoint();
            try {
                endPoint.flush(ByteBuffer.wrap(refusal)); // never blocks: what the socket takes now
            } catch (Exception e) {
                // the client is gone already
            }
            endPoint.close();
            LOG.debug("refused a connection: {} open, at most {}", open.get() - 1, maxConnections);
            return;
        }
        served.put(connection, new Progress(-1, 0));
    }

    @Override
    public void onClosed(Connection connection) {
        open.decrementAndGet();
        served.remove(connection);
    }

    /** @return the connections open now */
    int open() {
        return open.get();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Connection, Progress> e : served.entrySet()) {
            try {
                if (!(e.getKey() instanceof HttpConnection http)) {
                    continue;
                }
                HttpParser.State state = http.getParser().getState();
                boolean arriving = state.ordinal() > HttpParser.State.START.ordinal()
                        && state.ordinal() < HttpParser.State.CONTENT.ordinal();
                long messages = http.getMessagesIn() + http.getMessagesOut();
                Progress p = e.getValue();
                if (!arriving) {
                    if (p.since() != 0) {
                        e.setValue(new Progress(messages, 0));
                    }
                } else if (p.since() == 0 || p.messages() != messages) {
                    e.setValue(new Progress(messages, now));
                } else if (now - p.since() > headerDeadlineNanos) {
                    LOG.debug("closed a connection whose request headers did not arrive in time");
                    served.remove(e.getKey());
                    http.getEndPoint().close();
                }
            } catch (RuntimeException ex) {
                LOG.debug("header deadline sweep: {}", ex.toString());
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
