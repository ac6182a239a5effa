package io.github.passkey4j;

import java.util.Objects;

/**
 * A verified sign-in.
 *
 * @param userId the signed-in user: the passkey's owner
 * @param resourceOwner the user's organisation
 * @param passkeyId the passkey used
 * @param userVerified whether the authenticator verified the user (PIN, biometrics)
 * @param backedUp whether the passkey is synced (BS flag of this assertion)
 * @param signCount the counter now stored
 * @param possiblyCloned whether the passkey is flagged as possibly cloned
 * @param details the user's sequence and the time of the sign-in
 * @param signals what the page passes to the browser's Signal API: the user's accepted passkeys on
 *     this RP id, and the user's current names when the host gave a user lookup
 *     ({@link Passkeys.Builder#userLookup})
 */
public record SignInResult(
        String userId,
        String resourceOwner,
        String passkeyId,
        boolean userVerified,
        boolean backedUp,
        long signCount,
        boolean possiblyCloned,
        Details details,
        Signals signals) {

    /**
     * Validates the components.
     *
     * @param userId the signed-in user: the passkey's owner
     * @param resourceOwner the user's organisation
     * @param passkeyId the passkey used
     * @param userVerified whether the authenticator verified the user (PIN, biometrics)
     * @param backedUp whether the passkey is synced (BS flag of this assertion)
     * @param signCount the counter now stored
     * @param possiblyCloned whether the passkey is flagged as possibly cloned
     * @param details the user's sequence and the time of the sign-in
     * @param signals what the page passes to the browser's Signal API
     */
    public SignInResult {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(passkeyId, "passkeyId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(signals, "signals");
    }

    /**
     * @param signals the signals
     * @return a copy with these signals
     */
    public SignInResult withSignals(Signals signals) {
        return new SignInResult(userId, resourceOwner, passkeyId, userVerified, backedUp, signCount, possiblyCloned,
                details, signals);
    }
}
