package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.PasskeyStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a store's exceptions into the library's. */
public final class StoreErrors {

    private static final Logger LOG = LoggerFactory.getLogger(StoreErrors.class);

    private StoreErrors() {
    }

    /**
     * @param e a store exception whose reason the caller did not handle itself
     * @return the library's exception for it
     */
    public static PasskeyException translate(PasskeyStoreException e) {
        switch (e.reason()) {
            case UNAVAILABLE:
                LOG.warn("passkey store unavailable: {}", e.getMessage());
                return new PasskeyException(ErrorReason.STORE_UNAVAILABLE, ErrorReason.STORE_UNAVAILABLE.defaultMessage(), e);
            case DUPLICATE_CREDENTIAL:
                return new PasskeyException(ErrorReason.CREDENTIAL_EXISTS, ErrorReason.CREDENTIAL_EXISTS.defaultMessage(), e);
            case CODE_NOT_USABLE:
                return new PasskeyException(ErrorReason.CODE_INVALID, ErrorReason.CODE_INVALID.defaultMessage(), e);
            case CEREMONY_GONE:
                return new PasskeyException(ErrorReason.CEREMONY_USED, ErrorReason.CEREMONY_USED.defaultMessage(), e);
            default:
                LOG.error("passkey store failure ({}): {}", e.reason(), e.getMessage(), e);
                return new PasskeyException(ErrorReason.INTERNAL, ErrorReason.INTERNAL.defaultMessage(), e);
        }
    }
}
