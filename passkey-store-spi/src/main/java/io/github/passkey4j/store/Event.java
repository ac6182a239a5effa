package io.github.passkey4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a user's history, as stored.
 *
 * @param userId the user
 * @param sequence the user's sequence: 1 for the first event, one higher for each later one,
 *     never reused and never skipped
 * @param resourceOwner the organisation that owns the user
 * @param type what happened
 * @param aggregateId the passkey or code it is about
 * @param time when it happened
 */
public record Event(String userId, long sequence, String resourceOwner, EventType type, String aggregateId, Instant time) {
    /**
     * Validates the components.
     *
     * @param userId the user
     * @param sequence the user's sequence: 1 for the first event, one higher for each later one,
     *     never reused and never skipped
     * @param resourceOwner the organisation that owns the user
     * @param type what happened
     * @param aggregateId the passkey or code it is about
     * @param time when it happened
     */
    public Event {
        Objects.requireNonNull(userId, "userId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive: " + sequence);
        }
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(time, "time");
    }
}
