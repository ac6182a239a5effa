package io.github.passkey4j.store;

/** Where a registration code is in its life. */
public enum CodeState {
    /** Can start and finish registrations until it expires. */
    ACTIVE,
    /** Too many wrong tries: refused from now on. */
    BURNT,
    /** A registration verified with it: refused from now on. */
    USED
}
