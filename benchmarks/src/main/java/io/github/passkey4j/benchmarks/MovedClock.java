package io.github.passkey4j.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock moved ahead by hand: from the system's time ({@link #system()}) or from a fixed instant
 * ({@link #at(Instant)}), plus everything {@link #advance} added. Thread-safe.
 */
final class MovedClock extends Clock {

    private final Instant fixed;
    private final AtomicLong aheadMillis = new AtomicLong();

    private MovedClock(Instant fixed) {
        this.fixed = fixed;
    }

    /** @return a clock that runs with the system's time */
    static MovedClock system() {
        return new MovedClock(null);
    }

    /** @param start where it stands @return a clock that moves only when told */
    static MovedClock at(Instant start) {
        return new MovedClock(start);
    }

    /** @param d how far to move it ahead */
    void advance(Duration d) {
        aheadMillis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public long millis() {
        return (fixed == null ? System.currentTimeMillis() : fixed.toEpochMilli()) + aheadMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
