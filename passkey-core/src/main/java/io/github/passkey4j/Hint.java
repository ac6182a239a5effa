package io.github.passkey4j;

/**
 * WebAuthn Level 3 hints ({@code PublicKeyCredentialHint}): which kind of authenticator the browser
 * should offer first. Hints are listed in decreasing preference in the options' {@code hints}.
 */
public enum Hint {
    /** A physical security key (implies the {@code cross-platform} attachment). */
    SECURITY_KEY("security-key", AuthenticatorAttachment.CROSS_PLATFORM),
    /** The device the browser runs on (implies the {@code platform} attachment). */
    CLIENT_DEVICE("client-device", AuthenticatorAttachment.PLATFORM),
    /** A phone or tablet over the hybrid transport (implies the {@code cross-platform} attachment). */
    HYBRID("hybrid", AuthenticatorAttachment.CROSS_PLATFORM);

    private final String value;
    private final AuthenticatorAttachment attachment;

    Hint(String value, AuthenticatorAttachment attachment) {
        this.value = value;
        this.attachment = attachment;
    }

    /** @return the value in the options JSON, e.g. {@code security-key} */
    public String value() {
        return value;
    }

    /** @return the authenticator attachment this hint goes with (WebAuthn Level 3, 5.8.7) */
    public AuthenticatorAttachment attachment() {
        return attachment;
    }

    /**
     * @param value a hint as the JSON writes it
     * @return the hint
     * @throws PasskeyException {@link ErrorReason#HINT_UNKNOWN} for any other string
     */
    public static Hint fromValue(String value) {
        for (Hint h : values()) {
            if (h.value.equals(value)) {
                return h;
            }
        }
        throw new PasskeyException(ErrorReason.HINT_UNKNOWN, "unknown hint '" + safe(value)
                + "': use security-key, client-device or hybrid");
    }

    private static String safe(String value) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > 32 ? value.substring(0, 32) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
