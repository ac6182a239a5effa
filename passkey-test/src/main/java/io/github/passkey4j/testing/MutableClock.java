package io.github.passkey4j.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand, in UTC: give it to {@code Passkeys.builder().clock(...)} and
 * {@link #advance(Duration)} it to expire a challenge or a registration code without waiting.
 * Thread-safe.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /**
     * Makes a clock that stands at {@code start} until moved.
     *
     * @param start the first instant
     */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param d how far to move
     * @return the new instant
     */
    public Instant advance(Duration d) {
        return now.updateAndGet(t -> t.plus(d));
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new instant
     */
    public void set(Instant instant) {
        now.set(instant);
    }

    /**
     * Returns UTC.
     *
     * @return {@link ZoneOffset#UTC}
     */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /**
     * Returns this clock: it always runs in UTC.
     *
     * @param zone ignored
     * @return this clock
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /**
     * Returns the instant it was set or advanced to last.
     *
     * @return the current instant
     */
    @Override
    public Instant instant() {
        return now.get();
    }
}
