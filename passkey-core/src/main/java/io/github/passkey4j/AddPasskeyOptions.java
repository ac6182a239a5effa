package io.github.passkey4j;

import java.util.Objects;
import java.util.Optional;

/**
 * Options of one "Add passkey" call; every one is optional.
 *
 * @param authenticatorAttachment which kind of authenticator the browser should offer
 * @param rpId the RP id (ZITADEL's {@code domain}); one of the configured relying parties, the first
 *     one when empty
 * @param code a registration code that allows the call without a signed-in user
 * @param hints the hints for the browser in decreasing preference, or empty for the configured
 *     default ({@link Passkeys.Builder#hints}); requested hints replace the default and must agree
 *     with the attachment
 * @param origin the origin the registration is begun for (the request's {@code Origin}): only a
 *     credential made there finishes it; it also chooses the relying party when no RP id is given.
 *     Empty: any configured origin of the relying party
 * @param passwordVerifiedAt for a passkey upgrade (conditional create, {@link #conditional}): when the
 *     host verified the user's password, which stands for the user verification the browser skips
 */
public record AddPasskeyOptions(
        Optional<AuthenticatorAttachment> authenticatorAttachment,
        Optional<String> rpId,
        Optional<CodeCredentials> code,
        Optional<java.util.List<Hint>> hints,
        Optional<String> origin,
        Optional<java.time.Instant> passwordVerifiedAt) {

    private static final AddPasskeyOptions DEFAULTS = new AddPasskeyOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates that no component is null.
     *
     * @param authenticatorAttachment which kind of authenticator the browser should offer
     * @param rpId the RP id (ZITADEL's {@code domain}); one of the configured relying parties, the first
     *     one when empty
     * @param code a registration code that allows the call without a signed-in user
     * @param hints the hints for the browser, or empty for the configured default
     * @param origin the origin the registration is begun for, if any
     * @param passwordVerifiedAt for a passkey upgrade, when the host verified the user's password
     */
    public AddPasskeyOptions {
        Objects.requireNonNull(authenticatorAttachment, "authenticatorAttachment");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(code, "code");
        hints = Objects.requireNonNull(hints, "hints").map(java.util.List::copyOf);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(passwordVerifiedAt, "passwordVerifiedAt");
    }

    /**
     * Options without a passkey upgrade.
     *
     * @param authenticatorAttachment which kind of authenticator the browser should offer
     * @param rpId the RP id, the first configured one when empty
     * @param code a registration code that allows the call without a signed-in user
     * @param hints the hints for the browser, or empty for the configured default
     * @param origin the origin the registration is begun for, if any
     */
    public AddPasskeyOptions(Optional<AuthenticatorAttachment> authenticatorAttachment, Optional<String> rpId,
            Optional<CodeCredentials> code, Optional<java.util.List<Hint>> hints, Optional<String> origin) {
        this(authenticatorAttachment, rpId, code, hints, origin, Optional.empty());
    }

    /**
     * Options with the configured default hints.
     *
     * @param authenticatorAttachment which kind of authenticator the browser should offer
     * @param rpId the RP id, the first configured one when empty
     * @param code a registration code that allows the call without a signed-in user
     */
    public AddPasskeyOptions(Optional<AuthenticatorAttachment> authenticatorAttachment, Optional<String> rpId,
            Optional<CodeCredentials> code) {
        this(authenticatorAttachment, rpId, code, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @return no options: any authenticator, the default RP id, no code */
    public static AddPasskeyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param attachment the kind of authenticator to offer
     * @return these options with it
     */
    public AddPasskeyOptions withAuthenticatorAttachment(AuthenticatorAttachment attachment) {
        return new AddPasskeyOptions(Optional.of(attachment), rpId, code, hints, origin, passwordVerifiedAt);
    }

    /**
     * @param id the RP id
     * @return these options with it
     */
    public AddPasskeyOptions withRpId(String id) {
        return new AddPasskeyOptions(authenticatorAttachment, Optional.of(id), code, hints, origin, passwordVerifiedAt);
    }

    /**
     * @param codeId the code's id
     * @param secret the code
     * @return these options with a registration code
     */
    public AddPasskeyOptions withCode(String codeId, String secret) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, Optional.of(new CodeCredentials(codeId, secret)),
                hints, origin, passwordVerifiedAt);
    }

    /**
     * @param requested the hints for the browser in decreasing preference; they replace the
     *     configured default (none: {@code "hints": []}) and must agree with the attachment, if one is
     *     set ({@link Hint#attachment()}), else the call is refused with {@link ErrorReason#HINTS_CONFLICT}
     * @return these options with them
     */
    public AddPasskeyOptions withHints(Hint... requested) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, code, Optional.of(java.util.List.of(requested)),
                origin, passwordVerifiedAt);
    }

    /**
     * @param requestOrigin the origin the registration is begun for (the request's {@code Origin}
     *     header): it must be one of the relying party's, and only a credential made there finishes
     *     the registration
     * @return these options with it
     */
    public AddPasskeyOptions withOrigin(String requestOrigin) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, code, hints, Optional.of(requestOrigin),
                passwordVerifiedAt);
    }

    /**
     * A passkey upgrade (WebAuthn Level 3 conditional create): the passkey the browser's password
     * manager creates on its own, without a dialog, right after the user signed in with a password it
     * filled in. The options ask for a discoverable credential and never require user verification
     * (browsers answer conditional creates without it); the response carries {@code "mediation":
     * "conditional"} for {@code navigator.credentials.create}. The password the host verified stands
     * for the skipped user verification, so the registration may finish without user presence only
     * within {@link Passkeys.Builder#conditionalCreateWindow} of {@code passwordVerifiedAt} (default 5
     * minutes); otherwise it is refused with {@link ErrorReason#CONDITIONAL_CREATE_REFUSED}. A normal
     * registration never finishes without user presence. Not with a registration code.
     *
     * @param passwordVerifiedAt when the host verified this user's password (in this session)
     * @return these options for a passkey upgrade
     */
    public AddPasskeyOptions conditional(java.time.Instant passwordVerifiedAt) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, code, hints, origin,
                Optional.of(Objects.requireNonNull(passwordVerifiedAt, "passwordVerifiedAt")));
    }

    /**
     * A registration code as the user presents it.
     *
     * @param id the code id
     * @param code the code
     */
    public record CodeCredentials(String id, String code) {
        /**
         * Validates that both are present.
         *
         * @param id the code id
         * @param code the code
         */
        public CodeCredentials {
            if (id == null || id.isBlank() || code == null || code.isBlank()) {
                throw new PasskeyException(ErrorReason.CODE_INVALID);
            }
        }

        @Override
        public String toString() {
            return "CodeCredentials[id=" + id + ", code=***]";
        }
    }
}
