package io.github.passkey4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a verified sign-in changes on a passkey, applied by compare-and-set on the signature
 * counter so that two concurrent sign-ins cannot lose an update.
 *
 * @param userId the owner, checked again by the store
 * @param passkeyId the passkey
 * @param expectedSignCount the counter the caller read; the update applies only if it is still so
 * @param newSignCount the counter to store
 * @param backupEligible the BE flag of this assertion (the library refuses one that differs from the
 *     registered flag unless its policy accepts it; the store records it either way)
 * @param backedUp the BS flag of this assertion
 * @param flagPossiblyCloned set the passkey's possibly-cloned flag (it is never cleared here)
 * @param time when the sign-in happened: the new last-used and changed time
 */
public record SignInUpdate(
        String userId,
        String passkeyId,
        long expectedSignCount,
        long newSignCount,
        boolean backupEligible,
        boolean backedUp,
        boolean flagPossiblyCloned,
        Instant time) {
    /**
     * Validates the components.
     *
     * @param userId the owner, checked again by the store
     * @param passkeyId the passkey
     * @param expectedSignCount the counter the caller read; the update applies only if it is still so
     * @param newSignCount the counter to store
     * @param backupEligible the BE flag of this assertion
     * @param backedUp the BS flag of this assertion
     * @param flagPossiblyCloned set the passkey's possibly-cloned flag (it is never cleared here)
     * @param time when the sign-in happened: the new last-used and changed time
     */
    public SignInUpdate {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passkeyId, "passkeyId");
        if (expectedSignCount < 0 || expectedSignCount > StoredPasskey.MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("expectedSignCount out of range: " + expectedSignCount);
        }
        if (newSignCount < 0 || newSignCount > StoredPasskey.MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("newSignCount out of range: " + newSignCount);
        }
        Objects.requireNonNull(time, "time");
    }
}
