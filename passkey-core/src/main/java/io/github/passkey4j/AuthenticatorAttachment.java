package io.github.passkey4j;

/** Which kind of authenticator the browser should offer when adding a passkey. */
public enum AuthenticatorAttachment {
    /** Built into the device: Face ID, Touch ID, Windows Hello, Android screen lock. */
    PLATFORM("platform"),
    /** Roaming: a security key, or a phone over hybrid transport. */
    CROSS_PLATFORM("cross-platform");

    private final String value;

    AuthenticatorAttachment(String value) {
        this.value = value;
    }

    /** @return the WebAuthn value, {@code platform} or {@code cross-platform} */
    public String value() {
        return value;
    }
}
