package io.github.passkey4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Told the outcome of every operation of {@link Passkeys} that adds, verifies, renames or removes a
 * passkey, hands out a registration code or link, or begins or finishes a sign-in: for audit logs,
 * metrics (the Spring Boot starter binds one to Micrometer) and security monitoring. Register
 * listeners with {@link Passkeys.Builder#listener(PasskeyListener)}.
 *
 * <p>An outcome carries ids and the reason of a failure, never secrets: no credential, challenge,
 * code, public key or name. Listeners run on the caller's thread after the operation is complete
 * (stored, or refused and nothing stored) and must return quickly; an exception a listener throws is
 * logged and ignored, never the caller's concern.
 */
@FunctionalInterface
public interface PasskeyListener {

    /**
     * @param outcome what happened
     */
    void onOutcome(Outcome outcome);

    /** The operations a listener is told about. */
    enum Operation {
        /** {@link Passkeys#addPasskey}: a registration begun. */
        ADD_PASSKEY,
        /** {@link Passkeys#verifyPasskey} and its variants: a registration finished, a passkey stored. */
        VERIFY_PASSKEY,
        /** {@link Passkeys#createRegistrationCode} and {@link Passkeys#createRegistrationLink}. */
        CREATE_REGISTRATION_CODE,
        /** {@link Passkeys#sendRegistrationLink}. */
        SEND_REGISTRATION_LINK,
        /** {@link Passkeys#beginSignIn}. */
        BEGIN_SIGN_IN,
        /** {@link Passkeys#finishSignIn}: a user signed in, or was refused. */
        FINISH_SIGN_IN,
        /** {@link Passkeys#renamePasskey}. */
        RENAME_PASSKEY,
        /** {@link Passkeys#removePasskey}. */
        REMOVE_PASSKEY
    }

    /**
     * The outcome of one operation.
     *
     * @param operation the operation
     * @param failure why it was refused, empty when it succeeded
     * @param userId the user concerned where known: the caller's for user operations, the signed-in
     *     user's after a sign-in, empty for a refused sign-in (an attacker's claim is not reported as
     *     a user)
     * @param passkeyId the passkey concerned where known
     * @param userVerified after a successful sign-in, whether the authenticator verified the user
     * @param duration how long the operation took
     */
    record Outcome(Operation operation, Optional<ErrorReason> failure, Optional<String> userId,
            Optional<String> passkeyId, Optional<Boolean> userVerified, Duration duration) {

        /**
         * Checks the components.
         *
         * @param operation the operation
         * @param failure why it was refused, empty when it succeeded
         * @param userId the user concerned where known
         * @param passkeyId the passkey concerned where known
         * @param userVerified after a successful sign-in, whether the authenticator verified the user
         * @param duration how long the operation took
         */
        public Outcome {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(passkeyId, "passkeyId");
            Objects.requireNonNull(userVerified, "userVerified");
            Objects.requireNonNull(duration, "duration");
        }

        /** @return whether the operation succeeded */
        public boolean succeeded() {
            return failure.isEmpty();
        }
    }
}
