package io.github.passkey4j.store;

/** The two WebAuthn ceremonies a pending challenge can belong to. */
public enum CeremonyKind {
    /** {@code navigator.credentials.create}: adding a passkey. */
    REGISTRATION,
    /** {@code navigator.credentials.get}: signing in with a passkey. */
    AUTHENTICATION
}
