package io.github.passkey4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time code that lets a passkey be added for a user from a device that is not signed in.
 * The store keeps only a hash of the code, never the code.
 *
 * @param id the code id
 * @param userId the user it adds a passkey for
 * @param resourceOwner the user's organisation
 * @param codeHash a hash of the code
 * @param createdAt when it was created
 * @param expiresAt from this instant on it is refused
 * @param failedAttempts how many wrong codes were tried against it
 * @param state active, burnt or used
 */
public record RegistrationCode(
        String id,
        String userId,
        String resourceOwner,
        Bytes codeHash,
        Instant createdAt,
        Instant expiresAt,
        int failedAttempts,
        CodeState state) {
    /**
     * Validates the components.
     *
     * @param id the code id
     * @param userId the user it adds a passkey for
     * @param resourceOwner the user's organisation
     * @param codeHash a hash of the code
     * @param createdAt when it was created
     * @param expiresAt from this instant on it is refused
     * @param failedAttempts how many wrong codes were tried against it
     * @param state active, burnt or used
     */
    public RegistrationCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts must not be negative");
        }
    }

    /**
     * @param now the current time
     * @return whether it is active and not expired at {@code now}
     */
    public boolean isUsableAt(Instant now) {
        return state == CodeState.ACTIVE && now.isBefore(expiresAt);
    }
}
