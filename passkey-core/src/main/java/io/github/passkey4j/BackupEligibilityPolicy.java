package io.github.passkey4j;

/**
 * What to do when a sign-in's backup eligibility (the BE flag) differs from the one the passkey was
 * registered with. BE is fixed when a credential is created: an authenticator that reports another
 * value is not behaving as the one that registered (WebAuthn Level 3, 7.2 step 19).
 */
public enum BackupEligibilityPolicy {
    /** Refuse the sign-in with {@link ErrorReason#BACKUP_ELIGIBILITY_CHANGED} (the default). */
    REJECT,
    /** Accept the sign-in and record the new BE flag on the passkey, as the backup state is. */
    ACCEPT
}
