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
 * @param defaultHints the hints of every ceremony that requests none
 * @param requestPrf whether registrations ask whether the authenticator supports the PRF extension
 * @param conditionalCreateWindow how long after a password sign-in a passkey upgrade may finish
 *     without user presence
 */
public record Policies(
        UserVerification userVerification,
        BackupEligibilityPolicy backupEligibility,
        int maxPasskeysPerUser,
        int maxOpenCeremoniesPerUser,
        Set<String> allowedTopOrigins,
        java.util.List<io.github.passkey4j.Hint> defaultHints,
        boolean requestPrf,
        java.time.Duration conditionalCreateWindow) {

    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    /**
     * Checks that a passkey upgrade's password sign-in is recent: not in the future (beyond a second of
     * clock skew) and no older than the window.
     *
     * @param passwordVerifiedAt when the host verified the password
     * @param now the current time
     * @throws PasskeyException CONDITIONAL_CREATE_REFUSED otherwise
     */
    public void checkPasswordRecent(java.time.Instant passwordVerifiedAt, java.time.Instant now) {
        if (passwordVerifiedAt.isAfter(now.plusSeconds(1))) {
            throw new io.github.passkey4j.PasskeyException(io.github.passkey4j.ErrorReason.CONDITIONAL_CREATE_REFUSED,
                    "the password sign-in of a passkey upgrade lies in the future");
        }
        if (passwordVerifiedAt.plus(conditionalCreateWindow).isBefore(now)) {
            throw new io.github.passkey4j.PasskeyException(io.github.passkey4j.ErrorReason.CONDITIONAL_CREATE_REFUSED,
                    "the password sign-in of a passkey upgrade is more than " + conditionalCreateWindow.toSeconds()
                            + " seconds old");
        }
    }

    /** Copies the set. */
    public Policies {
        allowedTopOrigins = Set.copyOf(allowedTopOrigins);
        defaultHints = java.util.List.copyOf(defaultHints);
    }

    /**
     * The hints of one ceremony and the attachment that goes with them.
     *
     * @param hints the hint values for the options, in order (empty: {@code "hints": []})
     * @param attachment the authenticator attachment for the options, if any
     */
    public record HintChoice(java.util.List<String> hints,
            Optional<io.github.passkey4j.AuthenticatorAttachment> attachment) {
    }

    private static final HintChoice NO_HINTS = new HintChoice(java.util.List.of(), Optional.empty());

    /**
     * Requested hints replace the default; they must agree with a requested attachment (else
     * {@code PASSKEY-HINTS-CONFLICT}); default hints that disagree with it are left out. Without a
     * requested attachment, hints that all imply one set it, as WebAuthn Level 3 advises for browsers
     * that do not read hints.
     *
     * @param requested the call's hints, if it asked for any
     * @param attachment the call's attachment, if it asked for one
     * @return the hints and the attachment to render
     */
    public HintChoice hints(Optional<java.util.List<io.github.passkey4j.Hint>> requested,
            Optional<io.github.passkey4j.AuthenticatorAttachment> attachment) {
        if (requested.isEmpty() && attachment.isEmpty() && defaultHints.isEmpty()) {
            return NO_HINTS; // the usual begin: nothing asked, nothing configured
        }
        java.util.List<io.github.passkey4j.Hint> chosen = requested.orElse(defaultHints);
        if (attachment.isPresent()) {
            io.github.passkey4j.AuthenticatorAttachment a = attachment.get();
            if (requested.isPresent() && chosen.stream().anyMatch(h -> h.attachment() != a)) {
                throw new io.github.passkey4j.PasskeyException(io.github.passkey4j.ErrorReason.HINTS_CONFLICT,
                        "the hints " + values(chosen) + " contradict the authenticator attachment " + a.value());
            }
            chosen = chosen.stream().filter(h -> h.attachment() == a).toList();
            return new HintChoice(values(chosen), attachment);
        }
        Set<io.github.passkey4j.AuthenticatorAttachment> implied = new java.util.HashSet<>();
        chosen.forEach(h -> implied.add(h.attachment()));
        return new HintChoice(values(chosen),
                implied.size() == 1 ? Optional.of(implied.iterator().next()) : Optional.empty());
    }

    private static java.util.List<String> values(java.util.List<io.github.passkey4j.Hint> hints) {
        return hints.stream().distinct().map(io.github.passkey4j.Hint::value).toList();
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
