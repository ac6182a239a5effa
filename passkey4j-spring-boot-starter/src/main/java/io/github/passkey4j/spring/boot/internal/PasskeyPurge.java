package io.github.passkey4j.spring.boot.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Purges expired ceremonies and registration codes on a daemon thread while the application
 * context runs.
 */
public final class PasskeyPurge implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PasskeyPurge.class);

    private final IntSupplier purge;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param purge one purge, returning how many rows it removed
     * @param interval the pause between two purges, at least 100 ms (a purge is one cheap DELETE per table)
     * @throws IllegalArgumentException when the interval is shorter than 100 ms
     */
    public PasskeyPurge(IntSupplier purge, Duration interval) {
        this.purge = Objects.requireNonNull(purge, "purge");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("must be at least 100 ms, was " + interval);
        }
        this.interval = interval;
    }

    /** @return the pause between two purges */
    public Duration interval() {
        return interval;
    }

    /**
     * Purges once, now; a failure is logged (its type only, never the data) and left for the next run.
     *
     * @return how many expired ceremonies and codes were removed, or -1 when the purge failed
     */
    public int purgeNow() {
        try {
            return purge.getAsInt();
        } catch (RuntimeException e) {
            LOG.warn("passkey4j purge failed ({}); it runs again in {}", e.getClass().getName(), interval);
            return -1;
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "passkey4j-purge");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::purgeNow, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
