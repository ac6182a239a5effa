package io.github.passkey4j.store;

/** Where a stored passkey is in its life. */
public enum PasskeyState {
    /** Verified: listed, usable for sign-in, counted in excludeCredentials. */
    READY,
    /**
     * Removed by its owner. The row stays so that its credential id stays taken (no other user can
     * register it later) and its history stays readable; it is never listed and cannot sign in.
     */
    REMOVED
}
