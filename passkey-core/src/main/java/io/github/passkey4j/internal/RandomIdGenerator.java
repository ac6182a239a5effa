package io.github.passkey4j.internal;

import io.github.passkey4j.IdGenerator;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Ids of 63 random bits, at least 10<sup>17</sup> (18 or 19 decimal digits, like ZITADEL's ids):
 * unique across nodes without a node id, see {@link IdGenerator#random()}.
 */
public final class RandomIdGenerator implements IdGenerator {

    /** The smallest id: every id has 18 or 19 digits. */
    static final long MIN = 100_000_000_000_000_000L;

    private final SecureRandom random;

    /** @param random the source of the bits */
    public RandomIdGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String nextId() {
        return Long.toString(next());
    }

    long next() {
        while (true) {
            long candidate = random.nextLong() >>> 1; // 63 bits, never negative
            if (candidate >= MIN) { // about 1% are drawn again, so that every id is uniform over [MIN, 2^63)
                return candidate;
            }
        }
    }
}
