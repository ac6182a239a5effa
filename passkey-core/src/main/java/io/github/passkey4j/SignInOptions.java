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
 * @param hints the hints for the browser in decreasing preference, or empty for the configured
 *     default ({@link Passkeys.Builder#hints}); requested hints replace the default
 * @param origin the origin the sign-in is begun for (the request's {@code Origin}): only an assertion
 *     made there finishes it; it also chooses the relying party when no RP id is given. Empty: any
 *     configured origin of the relying party
 * @param prf whether the options ask for the PRF extension's output with each allowed passkey's own salt
 *     ({@link #withPrf})
 */
public record SignInOptions(Optional<String> userId, Optional<String> rpId, Optional<UserVerification> userVerification,
        Optional<java.util.List<Hint>> hints, Optional<String> origin, boolean prf) {

    /**
     * Validates that no component is null.
     *
     * @param userId the user who wants to sign in (username-first: only their passkeys are allowed), or
     *     empty for a usernameless sign-in (any discoverable passkey; also for conditional UI)
     * @param rpId the RP id, or empty for the default relying party
     * @param userVerification the user verification requirement, or empty for the configured one
     * @param hints the hints for the browser, or empty for the configured default
     * @param origin the origin the sign-in is begun for, if any
     * @param prf whether the options ask for the PRF extension's output
     */
    public SignInOptions {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(userVerification, "userVerification");
        hints = Objects.requireNonNull(hints, "hints").map(java.util.List::copyOf);
        Objects.requireNonNull(origin, "origin");
        if (prf && userId.isEmpty()) {
            throw new IllegalArgumentException("prf needs a username-first sign-in: evalByCredential names the user's "
                    + "passkeys, and a usernameless sign-in allows none");
        }
    }

    /**
     * Options without PRF.
     *
     * @param userId the user who wants to sign in, or empty for a usernameless sign-in
     * @param rpId the RP id, or empty for the default relying party
     * @param userVerification the user verification requirement, or empty for the configured one
     * @param hints the hints for the browser, or empty for the configured default
     * @param origin the origin the sign-in is begun for, if any
     */
    public SignInOptions(Optional<String> userId, Optional<String> rpId, Optional<UserVerification> userVerification,
            Optional<java.util.List<Hint>> hints, Optional<String> origin) {
        this(userId, rpId, userVerification, hints, origin, false);
    }

    /**
     * Options with the configured default hints.
     *
     * @param userId the user who wants to sign in, or empty for a usernameless sign-in
     * @param rpId the RP id, or empty for the default relying party
     * @param userVerification the user verification requirement, or empty for the configured one
     */
    public SignInOptions(Optional<String> userId, Optional<String> rpId, Optional<UserVerification> userVerification) {
        this(userId, rpId, userVerification, Optional.empty(), Optional.empty(), false);
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
        return new SignInOptions(userId, Optional.of(id), userVerification, hints, origin, prf);
    }

    /**
     * @param uv the user verification requirement; the configured one ({@link Passkeys.Builder#userVerification})
     *     is a floor, so a weaker one leaves the configured one in force
     * @return these options with it
     */
    public SignInOptions withUserVerification(UserVerification uv) {
        return new SignInOptions(userId, rpId, Optional.of(uv), hints, origin, prf);
    }

    /**
     * @param requested the hints for the browser in decreasing preference; they replace the
     *     configured default (none: {@code "hints": []})
     * @return these options with them
     */
    public SignInOptions withHints(Hint... requested) {
        return new SignInOptions(userId, rpId, userVerification, Optional.of(java.util.List.of(requested)), origin,
                prf);
    }

    /**
     * @param requestOrigin the origin the sign-in is begun for (the request's {@code Origin} header):
     *     it must be one of the relying party's, and only an assertion made there finishes the sign-in
     * @return these options with it
     */
    public SignInOptions withOrigin(String requestOrigin) {
        return new SignInOptions(userId, rpId, userVerification, hints, Optional.of(requestOrigin), prf);
    }

    /**
     * Asks each allowed passkey for its PRF output (WebAuthn Level 3 {@code prf.evalByCredential}), with
     * the salt the library made for it when its authenticator reported PRF support at registration
     * ({@link PasskeyInfo#prfEnabled()}, with {@link Passkeys.Builder#requestPrf}); the same salt every
     * time, so the page derives the same key each time (to encrypt data only the user's passkey
     * unlocks, for example). Passkeys without a salt get no input. The output stays in the browser:
     * the server never sees it, and passkey4j.js keeps it out of the JSON it sends. Username-first
     * sign-ins only ({@link #forUser}).
     *
     * @return these options with PRF
     * @throws IllegalArgumentException for a usernameless sign-in
     */
    public SignInOptions withPrf() {
        return new SignInOptions(userId, rpId, userVerification, hints, origin, true);
    }
}
