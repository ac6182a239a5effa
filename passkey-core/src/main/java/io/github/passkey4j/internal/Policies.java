package io.github.passkey4j.internal;

import io.github.passkey4j.BackupEligibilityPolicy;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.store.StoredPasskey;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relying party's policy checks that are not part of verifying a credential: the user
 * verification floor, backup eligibility, the per-user caps and cross-origin frames.
 *
 * @param userVerification the configured user verification: the floor of every ceremony
 * @param backupEligibility what to do with a sign-in whose BE flag differs from the registered one
 * @param maxPasskeysPerUser the most ready passkeys one user may hold
 * @param maxOpenCeremoniesPerUser the most open ceremonies of one kind one user may have; beyond it
 *     the oldest expire
 * @param allowedTopOrigins the top origins a cross-origin frame may run a ceremony under (empty:
 *     cross-origin ceremonies are refused)
 */
public record Policies(
        UserVerification userVerification,
        BackupEligibilityPolicy backupEligibility,
        int maxPasskeysPerUser,
        int maxOpenCeremoniesPerUser,
        Set<String> allowedTopOrigins) {

    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    /** Copies the set. */
    public Policies {
        allowedTopOrigins = Set.copyOf(allowedTopOrigins);
    }

    /**
     * @param requested what one call asked for, if anything
     * @return the stronger of the configured floor and the request: a request may raise it, never
     *     lower it
     */
    public UserVerification userVerification(Optional<UserVerification> requested) {
        return requested.filter(r -> strength(r) > strength(userVerification)).orElse(userVerification);
    }

    private static int strength(UserVerification uv) {
        switch (uv) {
            case REQUIRED:
                return 2;
            case PREFERRED:
                return 1;
            default:
                return 0;
        }
    }

    /** @return whether the configured floor requires user verification in every ceremony */
    public boolean requiresUserVerification() {
        return userVerification == UserVerification.REQUIRED;
    }

    /**
     * Refuses a new registration for a user who holds the most passkeys already.
     *
     * @param userId the user
     * @param readyPasskeys how many ready passkeys the user holds
     */
    void checkPasskeyCount(String userId, int readyPasskeys) {
        if (readyPasskeys >= maxPasskeysPerUser) {
            LOG.debug("user {} holds {} passkeys, the most allowed: registration refused", userId, readyPasskeys);
            throw new PasskeyException(ErrorReason.PASSKEY_LIMIT_REACHED,
                    "the user has " + maxPasskeysPerUser + " passkeys, the most allowed; remove one first");
        }
    }

    /**
     * Refuses a ceremony run in a cross-origin frame unless its top origin is allowed. Yubico's engine
     * reads neither {@code crossOrigin} nor {@code topOrigin}.
     *
     * @param clientData the client data the browser signed
     */
    void checkCrossOrigin(CredentialParser.ClientData clientData) {
        if (!clientData.crossOrigin() && clientData.topOrigin().isEmpty()) {
            return;
        }
        if (allowedTopOrigins.isEmpty()) {
            throw new PasskeyException(ErrorReason.CROSS_ORIGIN_NOT_ALLOWED,
                    "the passkey was used inside a cross-origin frame, and no top origin is allowed");
        }
        if (clientData.topOrigin().filter(allowedTopOrigins::contains).isEmpty()) {
            throw new PasskeyException(ErrorReason.CROSS_ORIGIN_NOT_ALLOWED,
                    "the passkey was used inside a frame of a site that is not an allowed top origin");
        }
    }

    /**
     * Refuses, by default, a sign-in whose BE flag differs from the registered one.
     *
     * @param passkey the registered passkey
     * @param backupEligible the BE flag of the assertion
     */
    void checkBackupEligibility(StoredPasskey passkey, boolean backupEligible) {
        if (passkey.backupEligible() == backupEligible) {
            return;
        }
        if (backupEligibility == BackupEligibilityPolicy.REJECT) {
            // before the signature is checked, so DEBUG: anyone may send such an assertion
            LOG.debug("passkey {} of user {}: backup eligibility {} differs from the registered {}; sign-in refused",
                    passkey.id(), passkey.userId(), backupEligible, passkey.backupEligible());
            throw new PasskeyException(ErrorReason.BACKUP_ELIGIBILITY_CHANGED);
        }
    }

    /** @return whether the engine is told the registered BE flag, so that its own step refuses a change too */
    public boolean engineChecksBackupEligibility() {
        return backupEligibility == BackupEligibilityPolicy.REJECT;
    }
}
