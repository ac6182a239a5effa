package io.github.passkey4j;

/** What the browser is asked to convey about the authenticator model when a passkey is added. */
public enum AttestationConveyance {
    /** No attestation: the browser strips it (the default; what most sites need). */
    NONE("none"),
    /** An attestation the browser may anonymize. */
    INDIRECT("indirect"),
    /** The authenticator's own attestation. */
    DIRECT("direct"),
    /** An attestation that may identify the individual device (managed deployments only). */
    ENTERPRISE("enterprise");

    private final String value;

    AttestationConveyance(String value) {
        this.value = value;
    }

    /** @return the WebAuthn value */
    public String value() {
        return value;
    }
}
