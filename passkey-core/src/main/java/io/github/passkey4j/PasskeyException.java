package io.github.passkey4j;

import java.util.List;
import java.util.Objects;

/**
 * The one exception the library throws. It carries a gRPC {@link Code}, a stable
 * {@link ErrorReason} and a message that is safe to show (it never contains a challenge, a key,
 * a code or a credential). When it is thrown, nothing was stored.
 *
 * <p>{@link #toErrorBody()} gives ZITADEL's error body and {@link #httpStatus()} the HTTP status
 * grpc-gateway would answer with.
 */
public class PasskeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The {@code @type} of the error detail, as ZITADEL writes it. */
    public static final String ERROR_DETAIL_TYPE = "type.googleapis.com/zitadel.v1.ErrorDetail";

    /** The gRPC canonical codes, with their numbers and grpc-gateway's HTTP statuses. */
    public enum Code {
        /** 1, HTTP 499. */
        CANCELLED(1, 499),
        /** 2, HTTP 500. */
        UNKNOWN(2, 500),
        /** 3, HTTP 400: the caller sent something wrong. */
        INVALID_ARGUMENT(3, 400),
        /** 4, HTTP 504. */
        DEADLINE_EXCEEDED(4, 504),
        /** 5, HTTP 404. */
        NOT_FOUND(5, 404),
        /** 6, HTTP 409. */
        ALREADY_EXISTS(6, 409),
        /** 7, HTTP 403. */
        PERMISSION_DENIED(7, 403),
        /** 8, HTTP 429. */
        RESOURCE_EXHAUSTED(8, 429),
        /** 9, HTTP 400: the state does not allow the call. */
        FAILED_PRECONDITION(9, 400),
        /** 10, HTTP 409. */
        ABORTED(10, 409),
        /** 11, HTTP 400. */
        OUT_OF_RANGE(11, 400),
        /** 12, HTTP 501 (an HTTP server answers a wrong method with 405 and this code). */
        UNIMPLEMENTED(12, 501),
        /** 13, HTTP 500: a bug. */
        INTERNAL(13, 500),
        /** 14, HTTP 503: try again later. */
        UNAVAILABLE(14, 503),
        /** 15, HTTP 500. */
        DATA_LOSS(15, 500),
        /** 16, HTTP 401. */
        UNAUTHENTICATED(16, 401);

        private final int number;
        private final int httpStatus;

        Code(int number, int httpStatus) {
            this.number = number;
            this.httpStatus = httpStatus;
        }

        /** @return the gRPC code number */
        public int number() {
            return number;
        }

        /** @return the HTTP status of grpc-gateway's mapping */
        public int httpStatus() {
            return httpStatus;
        }
    }

    /** The {@code @type} of the error detail that carries an unknown-credential signal. */
    public static final String UNKNOWN_CREDENTIAL_SIGNAL_TYPE = "type.googleapis.com/passkey4j.v1.UnknownCredentialSignal";

    /** Why the call failed. */
    private final ErrorReason reason;
    /** The signal for the browser after a sign-in with a credential no ready passkey holds, or null. */
    private final transient Signals.UnknownCredential unknownCredential;

    /**
     * @param reason why, with its default message
     */
    public PasskeyException(ErrorReason reason) {
        this(reason, reason.defaultMessage(), null);
    }

    /**
     * @param reason why
     * @param message a message safe to show
     */
    public PasskeyException(ErrorReason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason why
     * @param message a message safe to show
     * @param cause the underlying exception (not shown)
     */
    public PasskeyException(ErrorReason reason, String message, Throwable cause) {
        this(reason, message, cause, null);
    }

    private PasskeyException(ErrorReason reason, String message, Throwable cause, Signals.UnknownCredential signal) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.unknownCredential = signal;
    }

    /**
     * A sign-in refused because no ready passkey holds the credential ({@link ErrorReason#CREDENTIAL_UNKNOWN}),
     * with the signal the page passes to {@code PublicKeyCredential.signalUnknownCredential}.
     *
     * @param signal the RP id and the credential id
     * @return the exception
     */
    public static PasskeyException unknownCredential(Signals.UnknownCredential signal) {
        return new PasskeyException(ErrorReason.CREDENTIAL_UNKNOWN, ErrorReason.CREDENTIAL_UNKNOWN.defaultMessage(),
                null, Objects.requireNonNull(signal, "signal"));
    }

    /**
     * @return the unknown-credential signal, present only when the assertion matched its ceremony
     *     (challenge, origin, RP id, user presence) and no ready passkey holds its credential
     */
    public java.util.Optional<Signals.UnknownCredential> unknownCredentialSignal() {
        return java.util.Optional.ofNullable(unknownCredential);
    }

    /** @return the gRPC code */
    public Code code() {
        return reason.code();
    }

    /** @return the stable reason */
    public ErrorReason reason() {
        return reason;
    }

    /** @return the HTTP status grpc-gateway gives the code */
    public int httpStatus() {
        return reason.code().httpStatus();
    }

    /** @return ZITADEL's error body for this exception */
    public ErrorBody toErrorBody() {
        ErrorBody.Detail detail = new ErrorBody.Detail(ERROR_DETAIL_TYPE, reason.id(), getMessage());
        if (unknownCredential == null) {
            return new ErrorBody(code().number(), getMessage(), List.of(detail));
        }
        return new ErrorBody(code().number(), getMessage(), List.of(detail, new ErrorBody.Detail(
                UNKNOWN_CREDENTIAL_SIGNAL_TYPE, null, null, unknownCredential.rpId(), unknownCredential.credentialId())));
    }
}
