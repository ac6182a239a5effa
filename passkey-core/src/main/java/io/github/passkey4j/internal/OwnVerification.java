package io.github.passkey4j.internal;

import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.CollectedClientData;
import com.yubico.webauthn.data.Extensions;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.TokenBindingStatus;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.StoredPasskey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second, small verification path: registrations and sign-ins whose credential algorithm the
 * engine does not know ({@link OwnSignatures}: RSASSA-PSS and ML-DSA), verified by the library.
 *
 * <p>It is not a second implementation of the ceremonies. The callers run the same code on both paths
 * up to the engine call: the strict parsing ({@link CredentialParser}, {@link AuthenticatorBytes},
 * {@link CoseKeys}: type, sizes, flags, BS without BE, credential id length, the key itself),
 * {@link ClientChecks} (challenge, origin, RP id hash, UP, UV), the cross-origin and backup eligibility
 * policies, the requested-algorithm check, the owner and user handle checks, and afterwards the
 * attestation policy, the signature counter policy and the store's unique credential id. What the
 * engine would still have done is here, step for step with its {@code FinishRegistrationSteps} /
 * {@code FinishAssertionSteps} (2.9): token binding (steps 10 / 14), the credProtect output (17),
 * the attestation statement (18-19, "none" and "packed" self attestation only), the allowed
 * credentials (5) and the assertion signature (20).
 */
final class OwnVerification {

    private static final Logger LOG = LoggerFactory.getLogger(OwnVerification.class);

    private OwnVerification() {
    }

    /**
     * Verifies what the engine would still verify of a registration the common checks passed.
     *
     * @param parsed the registration
     * @param request the creation options it answers
     * @throws PasskeyException CLIENT_DATA_INVALID, VERIFICATION_FAILED, ATTESTATION_FORMAT_UNSUPPORTED,
     *     ATTESTATION_INVALID, COSE_KEY_INVALID or ALGORITHM_UNSUPPORTED
     */
    static void registration(CredentialParser.Registration parsed, PublicKeyCredentialCreationOptions request) {
        tokenBinding(parsed.credential().getResponse().getClientData());
        try {
            Extensions.CredentialProtection.validateExtensionOutput(request, parsed.credential());
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.VERIFICATION_FAILED, ErrorReason.VERIFICATION_FAILED.defaultMessage(), e);
        }
        AuthenticatorBytes.AuthData authData = parsed.attestation().authData();
        long alg = authData.algorithm();
        Map<?, ?> cose = (Map<?, ?>) Cbor.readWhole(authData.publicKeyCose(), "the credential public key");
        PublicKey key = OwnSignatures.publicKey(cose, alg);
        String format = parsed.attestation().format();
        if (format.equals("none")) {
            return; // AuthenticatorBytes checked that the statement is empty
        }
        Map<?, ?> statement = statement(parsed);
        if (!format.equals("packed") || statement.containsKey("x5c")) {
            throw new PasskeyException(ErrorReason.ATTESTATION_FORMAT_UNSUPPORTED, "the attestation format " + format
                    + (format.equals("packed") ? " with a certificate chain" : "") + " is not supported for a "
                    + Algorithms.describe(alg) + " credential key: only none and packed self attestation are");
        }
        // packed self attestation (WebAuthn section 8.2): alg is the credential key's, and the credential key
        // signed authenticatorData || SHA-256(clientDataJSON)
        if (((Long) statement.get("alg")) != alg) {
            throw new PasskeyException(ErrorReason.ATTESTATION_INVALID,
                    "the self attestation's algorithm differs from the credential key's");
        }
        ByteArray authDataBytes = parsed.credential().getResponse().getAttestation().getAuthenticatorData().getBytes();
        byte[] signed = authDataBytes.concat(hash(parsed.credential().getResponse().getClientDataJSON())).getBytes();
        if (!OwnSignatures.verify(alg, key, signed, (byte[]) statement.get("sig"))) {
            LOG.debug("self attestation signature of a {} credential does not verify", Algorithms.describe(alg));
            throw new PasskeyException(ErrorReason.ATTESTATION_INVALID, "the attestation signature is not valid");
        }
    }

    /**
     * Verifies what the engine would still verify of a sign-in the common checks passed.
     *
     * @param parsed the assertion
     * @param request the request options it answers
     * @param passkey the passkey it claims, whose owner the caller checked
     * @throws PasskeyException CLIENT_DATA_INVALID, VERIFICATION_FAILED, SIGNATURE_INVALID,
     *     COSE_KEY_INVALID or ALGORITHM_UNSUPPORTED
     */
    static void assertion(CredentialParser.Assertion parsed, PublicKeyCredentialRequestOptions request,
            StoredPasskey passkey) {
        List<PublicKeyCredentialDescriptor> allowed = request.getAllowCredentials().orElse(List.of());
        if (!allowed.isEmpty() && allowed.stream().noneMatch(d -> d.getId().equals(parsed.credential().getId()))) {
            // the engine's reason for its step 5, so that both paths answer alike
            throw new PasskeyException(ErrorReason.VERIFICATION_FAILED,
                    "this passkey was not among the ones the sign-in allowed");
        }
        AuthenticatorAssertionResponse response = parsed.credential().getResponse();
        tokenBinding(response.getClientData());
        Object cose = Cbor.readWhole(passkey.publicKeyCose().toArray(), "the stored credential public key");
        long alg = CoseKeys.validate(cose);
        PublicKey key = OwnSignatures.publicKey((Map<?, ?>) cose, alg);
        byte[] signed = response.getAuthenticatorData().concat(hash(response.getClientDataJSON())).getBytes();
        if (!OwnSignatures.verify(alg, key, signed, response.getSignature().getBytes())) {
            LOG.debug("assertion signature of a {} passkey does not verify", Algorithms.describe(alg));
            throw new PasskeyException(ErrorReason.SIGNATURE_INVALID);
        }
    }

    /** The engine refuses {@code tokenBinding.status} "present": the relying party gives no token binding id. */
    private static void tokenBinding(CollectedClientData clientData) {
        if (clientData.getTokenBinding().filter(t -> t.getStatus() == TokenBindingStatus.PRESENT).isPresent()) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID,
                    "the client data's tokenBinding.status is \"present\", but this relying party uses no token binding");
        }
    }

    private static Map<?, ?> statement(CredentialParser.Registration parsed) {
        Map<?, ?> root = (Map<?, ?>) Cbor.readWhole(parsed.attestation().encoded(), "the attestation object");
        return (Map<?, ?>) root.get("attStmt");
    }

    private static ByteArray hash(ByteArray clientDataJson) {
        try {
            return new ByteArray(java.security.MessageDigest.getInstance("SHA-256").digest(clientDataJson.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
