package io.github.passkey4j.store;

/** What a per-user event records. Stored by name; never rename a constant. */
public enum EventType {
    /** A registration was begun: a new passkey id and challenge were handed out. */
    PASSKEY_ADDED,
    /** A registration was verified: the passkey is ready. */
    PASSKEY_VERIFIED,
    /** A passkey got a new name. */
    PASSKEY_RENAMED,
    /** A passkey was removed. */
    PASSKEY_REMOVED,
    /** A user signed in with a passkey. */
    PASSKEY_SIGNED_IN,
    /** A registration code was created. */
    CODE_CREATED,
    /** A wrong registration code was tried. */
    CODE_FAILED_ATTEMPT,
    /** A registration code was burnt after too many wrong tries. */
    CODE_BURNT,
    /** A registration code was used up by a verified registration. */
    CODE_USED
}
