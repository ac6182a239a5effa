package io.github.passkey4j;

/** Whether the authenticator must verify the user (PIN, biometrics). */
public enum UserVerification {
    /** Refuse a ceremony without user verification. The default. */
    REQUIRED("required"),
    /** Ask for it; accept a ceremony without it. */
    PREFERRED("preferred"),
    /** Do not ask for it. */
    DISCOURAGED("discouraged");

    private final String value;

    UserVerification(String value) {
        this.value = value;
    }

    /** @return the WebAuthn value */
    public String value() {
        return value;
    }
}
