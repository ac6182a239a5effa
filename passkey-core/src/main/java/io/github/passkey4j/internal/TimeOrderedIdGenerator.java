package io.github.passkey4j.internal;

import io.github.passkey4j.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Snowflake-style ids: milliseconds since 2020-01-01 (41 bits), node (10 bits), sequence (12 bits). */
public final class TimeOrderedIdGenerator implements IdGenerator {

    /** 2020-01-01T00:00:00Z in epoch milliseconds. */
    static final long EPOCH_MILLIS = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    private static final int NODE_BITS = 10;
    private static final int SEQUENCE_BITS = 12;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;

    private final long node;
    private final Clock clock;
    /** The last id handed out, as a number; ids only grow. */
    private final AtomicLong last = new AtomicLong();

    /**
     * @param nodeId 0 to 1023
     * @param clock the time source
     */
    public TimeOrderedIdGenerator(int nodeId, Clock clock) {
        if (nodeId < 0 || nodeId >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("nodeId must be 0 to 1023: " + nodeId);
        }
        this.node = nodeId;
        this.clock = clock;
    }

    @Override
    public String nextId() {
        return Long.toString(next());
    }

    long next() {
        while (true) {
            long millis = Math.max(0, clock.millis() - EPOCH_MILLIS);
            long fresh = (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS);
            long prev = last.get();
            long candidate;
            if (fresh > prev) {
                candidate = fresh;
            } else if ((prev & SEQUENCE_MASK) < SEQUENCE_MASK) {
                candidate = prev + 1; // same millisecond (or clock went back): next sequence
            } else {
                // sequence exhausted in this millisecond: borrow the next millisecond
                candidate = (((prev >>> (NODE_BITS + SEQUENCE_BITS)) + 1) << (NODE_BITS + SEQUENCE_BITS))
                        | (node << SEQUENCE_BITS);
            }
            if (last.compareAndSet(prev, candidate)) {
                return candidate;
            }
        }
    }
}
