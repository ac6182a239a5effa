package io.github.passkey4j.store;

import java.util.Objects;

/**
 * The one exception a store throws. Its {@link Reason} tells the caller what to do; whenever one
 * is thrown the store holds exactly what it held before the call.
 */
public class PasskeyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a store call failed. */
    public enum Reason {
        /** The credential id is already stored (for any user): decided by a unique key. */
        DUPLICATE_CREDENTIAL,
        /** The passkey, ceremony or code id is already stored. */
        DUPLICATE_ID,
        /** The pending ceremony to take is unknown, of another kind, expired, or taken already. */
        CEREMONY_GONE,
        /** The registration code to use up is unknown, not the user's, expired, burnt or used. */
        CODE_NOT_USABLE,
        /** The backing database cannot be reached or dropped the connection; try again later. */
        UNAVAILABLE,
        /** Anything else: a bug or a broken schema. */
        FAILURE
    }

    /** Why the call failed. */
    private final Reason reason;

    /**
     * @param reason why
     * @param message what happened, without secrets
     */
    public PasskeyStoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason why
     * @param message what happened, without secrets
     * @param cause the underlying exception
     */
    public PasskeyStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the call failed */
    public Reason reason() {
        return reason;
    }
}
