package io.github.passkey4j;

/**
 * What to do when a passkey's signature counter does not go up: a sign of a cloned authenticator.
 * Counters that stay at zero (most synced passkeys never count) are not a regression.
 */
public enum SignCountPolicy {
    /** Refuse the sign-in (the default). */
    REJECT,
    /** Accept the sign-in, keep the highest counter seen, and flag the passkey as possibly cloned. */
    FLAG
}
