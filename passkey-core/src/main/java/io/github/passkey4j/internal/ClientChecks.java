package io.github.passkey4j.internal;

import com.yubico.webauthn.data.AuthenticatorData;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.PendingCeremony;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The checks both ceremonies make themselves, before the engine, so that each defect gets its own
 * reason. The engine makes all of them again, and verifies the signatures.
 */
final class ClientChecks {

    private ClientChecks() {
    }

    /**
     * @param clientData the client data the browser signed
     * @param authData the authenticator data
     * @param pending the ceremony being answered
     * @param rp its relying party
     * @param userVerificationRequired whether the ceremony requires UV
     */
    static void check(CredentialParser.ClientData clientData, AuthenticatorData authData, PendingCeremony pending,
            Engine.Rp rp, boolean userVerificationRequired) {
        check(clientData, authData, pending, rp, true, userVerificationRequired);
    }

    /**
     * As {@link #check(CredentialParser.ClientData, AuthenticatorData, PendingCeremony, Engine.Rp, boolean)},
     * where user presence may be waived: only for a passkey upgrade (conditional create) whose password
     * sign-in the caller checked.
     */
    static void check(CredentialParser.ClientData clientData, AuthenticatorData authData, PendingCeremony pending,
            Engine.Rp rp, boolean userPresenceRequired, boolean userVerificationRequired) {
        if (!clientData.challenge().equals(pending.challenge())) {
            throw new PasskeyException(ErrorReason.CHALLENGE_MISMATCH);
        }
        if (!rp.config().allowedOrigins().contains(clientData.origin())) {
            throw new PasskeyException(ErrorReason.ORIGIN_NOT_ALLOWED,
                    "the origin " + clientData.origin() + " is not allowed");
        }
        if (pending.origin().isPresent() && !pending.origin().get().equals(clientData.origin())) {
            throw new PasskeyException(ErrorReason.ORIGIN_NOT_ALLOWED,
                    "the ceremony was begun for " + pending.origin().get() + ", not " + clientData.origin());
        }
        byte[] expected = rp.config().id().equals(pending.rpId()) ? rp.rpIdHash() : sha256(pending.rpId());
        if (!MessageDigest.isEqual(expected, authData.getRpIdHash().getBytes())) {
            throw new PasskeyException(ErrorReason.RP_ID_MISMATCH);
        }
        if (userPresenceRequired && !authData.getFlags().UP) {
            throw new PasskeyException(ErrorReason.USER_PRESENCE_MISSING);
        }
        if (userVerificationRequired && !authData.getFlags().UV) {
            throw new PasskeyException(ErrorReason.USER_VERIFICATION_MISSING);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
