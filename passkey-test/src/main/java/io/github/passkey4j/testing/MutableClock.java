package io.github.passkey4j.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand. Thread-safe. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the first instant */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param d how far to move @return the new instant */
    public Instant advance(Duration d) {
        return now.updateAndGet(t -> t.plus(d));
    }

    /** @param instant the new instant */
    public void set(Instant instant) {
        now.set(instant);
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
    public Instant instant() {
        return now.get();
    }
}
