package io.github.passkey4j;

/**
 * Every way a passkey call can fail: a stable id (safe to match on, never changed once released),
 * the gRPC code it maps to, and a message safe to show to the user.
 */
public enum ErrorReason {
    // ---- malformed input: the caller's fault, nothing is looked up
    /** The credential JSON (or a JSON field inside it) is not well-formed JSON. */
    JSON_MALFORMED("PASSKEY-JSON-MALFORMED", PasskeyException.Code.INVALID_ARGUMENT, "the credential is not valid JSON"),
    /** A binary field is not base64url. */
    BASE64_INVALID("PASSKEY-BASE64-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "a binary field of the credential is not valid base64url"),
    /** The attestation object or authenticator data cannot be decoded (truncated or garbage CBOR). */
    CBOR_INVALID("PASSKEY-CBOR-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator's data cannot be decoded"),
    /**
     * The authenticator data is malformed: shorter than its flags announce, longer (bytes after the
     * extensions or the key), attested credential data missing in a registration or present in a sign-in.
     */
    AUTHENTICATOR_DATA_INVALID("PASSKEY-AUTHENTICATOR-DATA-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator data is not valid"),
    /**
     * The credential public key (COSE_Key) is malformed or unsound: a label of the wrong type, a
     * missing or mistyped kty, alg, crv, x or y, key type, algorithm and curve that disagree, an EC
     * point that is not on its curve, an RSA modulus or exponent out of bounds.
     */
    COSE_KEY_INVALID("PASSKEY-COSE-KEY-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator's public key is not valid"),
    /** The attestation format is not one of the registered ones, exactly spelled. */
    ATTESTATION_FORMAT_UNSUPPORTED("PASSKEY-ATTESTATION-FORMAT-UNSUPPORTED", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator's attestation format is not supported"),
    /** The credential id is longer than 1023 bytes (WebAuthn Level 3). */
    CREDENTIAL_ID_TOO_LONG("PASSKEY-CREDENTIAL-ID-TOO-LONG", PasskeyException.Code.INVALID_ARGUMENT, "the credential id must have at most 1023 bytes"),
    /** {@code response.transports} is not an array of strings, or has more than 16 entries. */
    TRANSPORTS_INVALID("PASSKEY-TRANSPORTS-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "response.transports must be an array of at most 16 strings"),
    /** The authenticator data says the credential is backed up (BS) but not backup eligible (BE). */
    BACKUP_FLAGS_INVALID("PASSKEY-BACKUP-FLAGS-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator reports a backed-up credential that is not backup eligible (BS without BE)"),
    /** The client data JSON is missing, not JSON, or lacks a field. */
    CLIENT_DATA_INVALID("PASSKEY-CLIENT-DATA-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the client data of the credential is not valid"),
    /** The credential lacks a required field or has one of the wrong kind. */
    CREDENTIAL_INVALID("PASSKEY-CREDENTIAL-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the credential is not a valid public key credential"),
    /** A sign-in assertion was sent where a registration was expected, or the other way round. */
    CREDENTIAL_WRONG_TYPE("PASSKEY-CREDENTIAL-WRONG-TYPE", PasskeyException.Code.INVALID_ARGUMENT, "the credential belongs to another kind of ceremony"),
    /** The credential JSON is larger than the limit. */
    CREDENTIAL_TOO_LARGE("PASSKEY-CREDENTIAL-TOO-LARGE", PasskeyException.Code.INVALID_ARGUMENT, "the credential is too large"),
    /** A name ({@link Names}: a passkey's, or a host's display name) is empty, too long, or contains control or bidi control characters. */
    NAME_INVALID("PASSKEY-NAME-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the name must have 1 to 200 characters and no control or bidi control characters"),
    /** A request argument is invalid (a user id, an option). */
    ARGUMENT_INVALID("PASSKEY-ARGUMENT-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "an argument is invalid"),
    /** The requested RP id is not one of the configured relying parties. */
    RP_ID_NOT_ALLOWED("PASSKEY-RP-ID-NOT-ALLOWED", PasskeyException.Code.INVALID_ARGUMENT, "the domain is not allowed"),

    // ---- ceremony checks: the credential does not answer the challenge that was given
    /** The client data's origin is not an allowed origin of the relying party. */
    ORIGIN_NOT_ALLOWED("PASSKEY-ORIGIN-NOT-ALLOWED", PasskeyException.Code.INVALID_ARGUMENT, "the credential was created on an origin that is not allowed"),
    /** The authenticator data's RP id hash is not the hash of the ceremony's RP id. */
    RP_ID_MISMATCH("PASSKEY-RP-ID-MISMATCH", PasskeyException.Code.INVALID_ARGUMENT, "the credential was created for another relying party"),
    /** The client data's challenge is not the ceremony's. */
    CHALLENGE_MISMATCH("PASSKEY-CHALLENGE-MISMATCH", PasskeyException.Code.INVALID_ARGUMENT, "the credential answers another challenge"),
    /** The authenticator did not report user presence. */
    USER_PRESENCE_MISSING("PASSKEY-USER-PRESENCE-MISSING", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator did not confirm user presence"),
    /** User verification was required and the authenticator did not perform it. */
    USER_VERIFICATION_MISSING("PASSKEY-USER-VERIFICATION-MISSING", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator did not verify the user (PIN or biometrics) and this is required"),
    /** The credential's public key algorithm is not supported or was not requested. */
    ALGORITHM_UNSUPPORTED("PASSKEY-ALGORITHM-UNSUPPORTED", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator's key algorithm is not supported"),
    /** The attestation statement does not verify, or the attestation policy refuses it. */
    ATTESTATION_INVALID("PASSKEY-ATTESTATION-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the authenticator's attestation is not valid"),
    /** The attestation policy refuses this authenticator. */
    ATTESTATION_NOT_TRUSTED("PASSKEY-ATTESTATION-NOT-TRUSTED", PasskeyException.Code.INVALID_ARGUMENT, "this authenticator is not allowed"),
    /** The assertion's signature does not verify. */
    SIGNATURE_INVALID("PASSKEY-SIGNATURE-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the passkey's signature is not valid"),
    /** The signature counter went backwards: the authenticator may have been cloned. */
    SIGN_COUNT_REGRESSION("PASSKEY-SIGN-COUNT-REGRESSION", PasskeyException.Code.INVALID_ARGUMENT, "the passkey's signature counter went backwards"),
    /** The credential used to sign in is not a registered passkey (unknown, or removed). */
    CREDENTIAL_UNKNOWN("PASSKEY-CREDENTIAL-UNKNOWN", PasskeyException.Code.INVALID_ARGUMENT, "this passkey is not registered"),
    /** The credential used to sign in is not a ready passkey of the user of the ceremony. */
    CREDENTIAL_NOT_OWNED("PASSKEY-CREDENTIAL-NOT-OWNED", PasskeyException.Code.INVALID_ARGUMENT, "this passkey cannot sign in this user"),
    /** The ceremony ran in a cross-origin frame whose top origin is not one of the allowed top origins. */
    CROSS_ORIGIN_NOT_ALLOWED("PASSKEY-CROSS-ORIGIN-NOT-ALLOWED", PasskeyException.Code.INVALID_ARGUMENT, "the passkey was used inside a frame of a site that is not allowed"),
    /** The sign-in's backup eligibility (BE flag) differs from the one registered, and the policy refuses that. */
    BACKUP_ELIGIBILITY_CHANGED("PASSKEY-BACKUP-ELIGIBILITY-CHANGED", PasskeyException.Code.INVALID_ARGUMENT, "the passkey's backup eligibility differs from the one it was registered with"),
    /** Any other verification failure reported by the WebAuthn engine. */
    VERIFICATION_FAILED("PASSKEY-VERIFICATION-FAILED", PasskeyException.Code.INVALID_ARGUMENT, "the credential could not be verified"),

    // ---- ceremony state
    /** The pending ceremony expired. */
    CEREMONY_EXPIRED("PASSKEY-CEREMONY-EXPIRED", PasskeyException.Code.FAILED_PRECONDITION, "the passkey ceremony expired; start again"),
    /** The pending ceremony was finished already (a replay). */
    CEREMONY_USED("PASSKEY-CEREMONY-USED", PasskeyException.Code.FAILED_PRECONDITION, "the passkey ceremony was finished already; start again"),
    /** No pending ceremony matches (unknown id, another user's, nothing pending). */
    CEREMONY_NOT_FOUND("PASSKEY-CEREMONY-NOT-FOUND", PasskeyException.Code.NOT_FOUND, "no pending passkey ceremony was found"),
    /** The user has no ready passkey to sign in with. */
    NO_PASSKEYS("PASSKEY-NO-PASSKEYS", PasskeyException.Code.FAILED_PRECONDITION, "the user has no passkey"),

    // ---- passkeys
    /** The passkey is unknown, removed, or another user's. */
    PASSKEY_NOT_FOUND("PASSKEY-NOT-FOUND", PasskeyException.Code.NOT_FOUND, "the passkey was not found"),
    /** The user holds the maximum number of passkeys already. */
    PASSKEY_LIMIT_REACHED("PASSKEY-LIMIT-REACHED", PasskeyException.Code.FAILED_PRECONDITION, "the user has the maximum number of passkeys; remove one first"),
    /** The credential is registered already, to this or another user. */
    CREDENTIAL_EXISTS("PASSKEY-CREDENTIAL-EXISTS", PasskeyException.Code.ALREADY_EXISTS, "this authenticator is registered already"),

    // ---- registration codes
    /** A registration without a signed-in user must have been begun with a registration code. */
    CODE_REQUIRED("PASSKEY-CODE-REQUIRED", PasskeyException.Code.UNAUTHENTICATED, "sign in, or use a registration code"),
    /** No notifier is configured to send a registration link. */
    NOTIFIER_MISSING("PASSKEY-NOTIFIER-MISSING", PasskeyException.Code.FAILED_PRECONDITION, "sending registration links is not configured"),
    /** The registration code is wrong, unknown, expired, burnt, used, or another user's. */
    CODE_INVALID("PASSKEY-CODE-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the registration code is not valid"),
    /** The client extension results are too large, or an extension output has the wrong type. */
    EXTENSIONS_INVALID("PASSKEY-EXTENSIONS-INVALID", PasskeyException.Code.INVALID_ARGUMENT, "the client extension results are not valid"),
    /** A hint is not one of {@code security-key}, {@code client-device}, {@code hybrid}. */
    HINT_UNKNOWN("PASSKEY-HINT-UNKNOWN", PasskeyException.Code.INVALID_ARGUMENT, "a hint is not security-key, client-device or hybrid"),
    /** The requested hints contradict the requested authenticator attachment. */
    HINTS_CONFLICT("PASSKEY-HINTS-CONFLICT", PasskeyException.Code.INVALID_ARGUMENT, "the hints contradict the authenticator attachment"),
    /**
     * A passkey upgrade (conditional create) cannot be begun or finished: the password sign-in it
     * follows is not recent enough, lies in the future, or the call has a registration code.
     */
    CONDITIONAL_CREATE_REFUSED("PASSKEY-CONDITIONAL-CREATE-REFUSED", PasskeyException.Code.FAILED_PRECONDITION, "an automatic passkey upgrade needs a password sign-in of this user moments before"),

    // ---- infrastructure
    /** The store cannot reach its database. */
    STORE_UNAVAILABLE("PASSKEY-STORE-UNAVAILABLE", PasskeyException.Code.UNAVAILABLE, "the passkey store is unavailable; try again later"),
    /** A bug: never the caller's fault. */
    INTERNAL("PASSKEY-INTERNAL", PasskeyException.Code.INTERNAL, "internal error");

    private final String id;
    private final PasskeyException.Code code;
    private final String defaultMessage;

    ErrorReason(String id, PasskeyException.Code code, String defaultMessage) {
        this.id = id;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    /** @return the stable id, such as {@code PASSKEY-CHALLENGE-MISMATCH} */
    public String id() {
        return id;
    }

    /** @return the gRPC code */
    public PasskeyException.Code code() {
        return code;
    }

    /** @return a message safe to show to the user */
    public String defaultMessage() {
        return defaultMessage;
    }
}
