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
 */
public record AddPasskeyOptions(
        Optional<AuthenticatorAttachment> authenticatorAttachment,
        Optional<String> rpId,
        Optional<CodeCredentials> code) {

    private static final AddPasskeyOptions DEFAULTS = new AddPasskeyOptions(Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Validates that no component is null.
     *
     * @param authenticatorAttachment which kind of authenticator the browser should offer
     * @param rpId the RP id (ZITADEL's {@code domain}); one of the configured relying parties, the first
     *     one when empty
     * @param code a registration code that allows the call without a signed-in user
     */
    public AddPasskeyOptions {
        Objects.requireNonNull(authenticatorAttachment, "authenticatorAttachment");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(code, "code");
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
        return new AddPasskeyOptions(Optional.of(attachment), rpId, code);
    }

    /**
     * @param id the RP id
     * @return these options with it
     */
    public AddPasskeyOptions withRpId(String id) {
        return new AddPasskeyOptions(authenticatorAttachment, Optional.of(id), code);
    }

    /**
     * @param codeId the code's id
     * @param secret the code
     * @return these options with a registration code
     */
    public AddPasskeyOptions withCode(String codeId, String secret) {
        return new AddPasskeyOptions(authenticatorAttachment, rpId, Optional.of(new CodeCredentials(codeId, secret)));
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
