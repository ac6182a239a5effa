package io.github.passkey4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event to append to a user's history. The store gives it the user's next sequence in the
 * same transaction as the change it records.
 *
 * @param userId the user whose history it joins
 * @param resourceOwner the organisation that owns the user
 * @param type what happened
 * @param aggregateId the passkey or code it is about
 * @param time when it happened (millisecond precision)
 */
public record NewEvent(String userId, String resourceOwner, EventType type, String aggregateId, Instant time) {
    /**
     * Validates that no component is null.
     *
     * @param userId the user whose history it joins
     * @param resourceOwner the organisation that owns the user
     * @param type what happened
     * @param aggregateId the passkey or code it is about
     * @param time when it happened (millisecond precision)
     */
    public NewEvent {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(time, "time");
    }

    /**
     * The stored event, once the store has given it a sequence.
     *
     * @param sequence the user's sequence for this event
     * @return the event
     */
    public Event withSequence(long sequence) {
        return new Event(userId, sequence, resourceOwner, type, aggregateId, time);
    }
}
