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
 */
public record AddPasskeyOptions(
        Optional<AuthenticatorAttachment> authenticatorAttachment,
        Optional<String> rpId,
        Optional<CodeCredentials> code,
        Optional<java.util.List<Hint>> hints,
        Optional<String> origin) {

    private static final AddPasskeyOptions DEFAULTS = new AddPasskeyOptions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates that no component is null.
     *
     * @param authenticatorAttachment which kind of authenticator the browser should offer
     * @param rpId the RP id (ZITADEL's {@code domain}); one of the configured relying parties, the first
     *     one when empty
     * @param code a registration code that allows the call without a signed-in user
     * @param hints the hints for the browser, or empty for the configured default
     * @param origin the origin the registration is begun for, if any
     */
    public AddPasskeyOptions {
        Objects.requireNonNull(authenticatorAttachment, "authenticatorAttachment");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(code, "code");
        hints = Objects.requireNonNull(hints, "hints").map(java.util.List::copyOf);
        Objects.requireNonNull(origin, "origin");
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
        this(authenticatorAttachment, rpId, code, Optional.empty(), Optional.empty());
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
        return new AddPasskeyOptions(Optional.of(attachment), rpId, code, hints, origin);
    }

    /**
     * @param id the RP id
     * @return these options with it
     */
    public AddPasskeyOptions withRpId(String id) {
        return new AddPasskeyOptions(authenticatorAttachment, Optional.of(id), code, hints, origin);
    }

    /**
     * @param codeId the code's id
     * @param secret the code
     * @return these options with a registration code
     */
    public AddPasskeyOptions withCode(String codeId, String secret) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, Optional.of(new CodeCredentials(codeId, secret)),
                hints, origin);
    }

    /**
     * @param requested the hints for the browser in decreasing preference; they replace the
     *     configured default (none: {@code "hints": []}) and must agree with the attachment, if one is
     *     set ({@link Hint#attachment()}), else the call is refused with {@link ErrorReason#HINTS_CONFLICT}
     * @return these options with them
     */
    public AddPasskeyOptions withHints(Hint... requested) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, code, Optional.of(java.util.List.of(requested)),
                origin);
    }

    /**
     * @param requestOrigin the origin the registration is begun for (the request's {@code Origin}
     *     header): it must be one of the relying party's, and only a credential made there finishes
     *     the registration
     * @return these options with it
     */
    public AddPasskeyOptions withOrigin(String requestOrigin) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, code, hints, Optional.of(requestOrigin));
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
