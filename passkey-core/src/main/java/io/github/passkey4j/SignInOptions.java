package io.github.passkey4j;

import java.util.Objects;
import java.util.Optional;

/**
 * How to begin a sign-in.
 *
 * @param userId the user who wants to sign in (username-first: only their passkeys are allowed), or
 *     empty for a usernameless sign-in (any discoverable passkey; also for conditional UI)
 * @param rpId the RP id, or empty for the default relying party
 * @param userVerification the user verification requirement, or empty for the configured one; the
 *     configured one is a floor: this may raise it, never lower it
 */
public record SignInOptions(Optional<String> userId, Optional<String> rpId, Optional<UserVerification> userVerification) {

    /**
     * Validates that no component is null.
     *
     * @param userId the user who wants to sign in (username-first: only their passkeys are allowed), or
     *     empty for a usernameless sign-in (any discoverable passkey; also for conditional UI)
     * @param rpId the RP id, or empty for the default relying party
     * @param userVerification the user verification requirement, or empty for the configured one
     */
    public SignInOptions {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(userVerification, "userVerification");
    }

    /** @return a usernameless sign-in on the default relying party */
    public static SignInOptions usernameless() {
        return new SignInOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @param userId the user
     * @return a username-first sign-in for that user
     */
    public static SignInOptions forUser(String userId) {
        return new SignInOptions(Optional.of(PasskeyUser.requireUserId(userId)), Optional.empty(), Optional.empty());
    }

    /**
     * @param id the RP id
     * @return these options on that relying party
     */
    public SignInOptions withRpId(String id) {
        return new SignInOptions(userId, Optional.of(id), userVerification);
    }

    /**
     * @param uv the user verification requirement; the configured one ({@link Passkeys.Builder#userVerification})
     *     is a floor, so a weaker one leaves the configured one in force
     * @return these options with it
     */
    public SignInOptions withUserVerification(UserVerification uv) {
        return new SignInOptions(userId, rpId, Optional.of(uv));
    }
}
