package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.upokecenter.cbor.CBORObject;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.AttestedCredentialData;
import com.yubico.webauthn.data.AuthenticatorData;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.RegistrationFailedException;
import io.github.passkey4j.AddPasskeyOptions;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.CodeUse;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyExtensions;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registration ceremony: "Add passkey" (begin) and "Verify" (finish).
 *
 * <p>Finishing reads the pending registration, verifies the browser's answer completely without
 * changing anything, and only then stores the passkey, taking the pending registration in the same
 * transaction. So a bad answer changes nothing (the user can try again until the registration
 * expires), and of concurrent verifies of one registration exactly one stores a passkey.
 */
public final class Registrations {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final Settings settings;
    private final Policies policies;
    private final KeptRequests<Request> kept = new KeptRequests<>();

    /**
     * The creation options, and every algorithm they offered: the engine's type holds only those it
     * knows, the JSON handed out holds the library-verified ones too.
     *
     * @param options the engine's creation options
     * @param offered every COSE algorithm offered
     * @param passwordVerifiedAt for a passkey upgrade (conditional create), when the host verified the
     *     user's password
     */
    private record Request(PublicKeyCredentialCreationOptions options, Collection<Long> offered,
            Optional<Instant> passwordVerifiedAt) {
    }

    /**
     * @param settings the configuration
     * @param policies the user verification floor, caps and cross-origin policy
     */
    public Registrations(Settings settings, Policies policies) {
        this.settings = settings;
        this.policies = policies;
    }

    // ------------------------------------------------------------------ begin

    /**
     * Begins adding a passkey.
     *
     * @param user the user
     * @param options the call's options
     * @param codeId the registration code the call was allowed by, already checked
     * @return the response with the new passkey id and the creation options
     */
    public AddPasskeyResponse begin(PasskeyUser user, AddPasskeyOptions options, Optional<String> codeId) {
        Engine.Rp rp = settings.engine().relyingParty(options.rpId(), options.origin());
        Optional<Instant> passwordVerifiedAt = options.passwordVerifiedAt();
        if (passwordVerifiedAt.isPresent()) {
            if (codeId.isPresent()) {
                throw new PasskeyException(ErrorReason.CONDITIONAL_CREATE_REFUSED,
                        "a passkey upgrade follows a password sign-in of the user, not a registration code");
            }
            policies.checkPasswordRecent(passwordVerifiedAt.get(), settings.now());
        }
        List<StoredPasskey> existing = settings.store().listPasskeys(user.id());
        policies.checkPasskeyCount(user.id(), existing.size());
        Instant now = settings.now();
        String id = settings.ids().nextId();
        Bytes userHandle = Bytes.utf8(user.id());

        Set<PublicKeyCredentialDescriptor> exclude = new LinkedHashSet<>();
        for (StoredPasskey p : existing) {
            if (p.rpId().equals(rp.config().id())) {
                exclude.add(descriptor(p));
            }
        }
        AuthenticatorSelectionCriteria.AuthenticatorSelectionCriteriaBuilder selection = AuthenticatorSelectionCriteria.builder()
                .residentKey(ResidentKeyRequirement.REQUIRED)
                .userVerification(passwordVerifiedAt.isPresent()
                        // a conditional create is answered without user verification: the password stands for it
                        ? (settings.userVerification() == UserVerification.DISCOURAGED ? UserVerificationRequirement.DISCOURAGED
                                : UserVerificationRequirement.PREFERRED)
                        : requirement(settings.userVerification()));
        Policies.HintChoice hints = policies.hints(options.hints(), options.authenticatorAttachment());
        hints.attachment().ifPresent(a -> selection.authenticatorAttachment(
                com.yubico.webauthn.data.AuthenticatorAttachment.fromValue(a.value()).orElseThrow()));

        PublicKeyCredentialCreationOptions request = PublicKeyCredentialCreationOptions.builder()
                .rp(RelyingPartyIdentity.builder().id(rp.config().id()).name(rp.config().name()).build())
                .user(UserIdentity.builder()
                        .name(user.loginName())
                        .displayName(user.displayName())
                        .id(new ByteArray(userHandle.toArray()))
                        .build())
                .challenge(new ByteArray(challenge()))
                .pubKeyCredParams(settings.algorithms())
                .authenticatorSelection(selection.build())
                .timeout(settings.timeout().toMillis())
                .attestation(settings.attestation())
                .excludeCredentials(exclude)
                .hints(hints.hints())
                .extensions(extensionInputs())
                .build();
        String requestJson = write(request);
        if (settings.offersOwnAlgorithms()) {
            requestJson = withOffered(requestJson, settings.offeredAlgorithms());
        }

        PendingCeremony pending = new PendingCeremony(id, CeremonyKind.REGISTRATION, Optional.of(user.id()),
                Optional.of(user.resourceOwner()), rp.config().id(), Bytes.of(request.getChallenge().getBytes()),
                passwordVerifiedAt.isPresent() ? withPasswordVerifiedAt(requestJson, passwordVerifiedAt.get()) : requestJson,
                now, settings.expiry(now), codeId, options.origin());
        // the user's oldest open registrations beyond the cap expire, in the same store call where the store can
        Event event = settings.store().insertPending(pending,
                new NewEvent(user.id(), user.resourceOwner(), EventType.PASSKEY_ADDED, id, now),
                policies.maxOpenCeremoniesPerUser());
        // the settings' list is immutable and short (at most a dozen algorithms): contains() needs no set
        kept.put(pending, new Request(request, settings.offeredAlgorithms(), passwordVerifiedAt));
        LOG.debug("registration {} begun for user {} on RP {}", id, user.id(), rp.config().id());
        return AddPasskeyResponse.of(id, "{\"publicKey\":" + requestJson
                + (passwordVerifiedAt.isPresent() ? ",\"mediation\":\"conditional\"}" : "}"), Details.created(event));
    }

    /** credProps always (whether the passkey is discoverable, the provider's name for it); prf where asked for. */
    private com.yubico.webauthn.data.RegistrationExtensionInputs extensionInputs() {
        com.yubico.webauthn.data.RegistrationExtensionInputs.RegistrationExtensionInputsBuilder inputs =
                com.yubico.webauthn.data.RegistrationExtensionInputs.builder().credProps();
        if (policies.requestPrf()) {
            inputs.prf(com.yubico.webauthn.data.Extensions.Prf.PrfRegistrationInput.enable());
        }
        return inputs.build();
    }

    private byte[] challenge() {
        byte[] challenge = settings.challenges().nextChallenge();
        if (challenge == null || challenge.length < 16) {
            throw new PasskeyException(ErrorReason.INTERNAL, "the challenge source must give at least 16 bytes");
        }
        return challenge;
    }

    static PublicKeyCredentialDescriptor descriptor(StoredPasskey p) {
        return PublicKeyCredentialDescriptor.builder()
                .id(new ByteArray(p.credentialId().toArray()))
                .transports(p.transports().isEmpty() ? Optional.empty() : Optional.of(Transports.of(p.transports())))
                .build();
    }

    static UserVerificationRequirement requirement(UserVerification uv) {
        switch (uv) {
            case PREFERRED:
                return UserVerificationRequirement.PREFERRED;
            case DISCOURAGED:
                return UserVerificationRequirement.DISCOURAGED;
            default:
                return UserVerificationRequirement.REQUIRED;
        }
    }

    // ------------------------------------------------------------------ finish

    /**
     * Verifies the browser's answer and stores the passkey.
     *
     * @param userId the user finishing the registration
     * @param passkeyId the pending registration, or empty for the user's newest
     * @param credentialJson the browser's credential JSON
     * @param name the passkey's name
     * @param requireCode refuse a registration that was not begun with a registration code (the caller
     *     has no signed-in user)
     * @return the details of the verification
     */
    public Details finish(String userId, Optional<String> passkeyId, String credentialJson, String name,
            boolean requireCode) {
        if (requireCode) {
            // a caller without a session learns nothing about registrations that were not begun with a
            // code, not even whether one exists, and nothing else is looked at before this
            boolean begunWithCode = passkeyId.flatMap(id -> settings.store().findPending(id))
                    .filter(p -> p.kind() == CeremonyKind.REGISTRATION && p.codeId().isPresent()
                            && p.userId().filter(userId::equals).isPresent())
                    .isPresent();
            if (!begunWithCode) {
                throw new PasskeyException(ErrorReason.CODE_REQUIRED,
                        "there is no registration begun with a registration code by that id; sign in to verify it");
            }
        }
        String givenName = name == null || name.isBlank() ? null : io.github.passkey4j.Names.normalize(name);
        CredentialParser.Registration parsed = CredentialParser.parseRegistration(credentialJson,
                settings.engine().attestations().unknownFormatsAsNone());
        // no name given: the authenticator's own name for the credential (credProps.authenticatorDisplayName), if any
        String normalizedName = givenName != null ? givenName
                : io.github.passkey4j.Names.normalize(parsed.extensions().authenticatorDisplayName().orElse(name));
        Instant now = settings.now();
        PendingCeremony pending = pending(userId, passkeyId, now);

        Request begun = kept.get(pending);
        if (begun == null) {
            begun = read(pending.requestJson());
        }
        PublicKeyCredentialCreationOptions request = begun.options();
        Engine.Rp rp = settings.engine().relyingParty(Optional.of(pending.rpId()));
        AuthenticatorData authData = parsed.credential().getResponse().getAttestation().getAuthenticatorData();
        AttestedCredentialData attested = precheck(parsed, pending, begun, rp, authData, policies);
        byte[] publicKey = parsed.attestation().authData().publicKeyCose();
        boolean trusted;
        if (Algorithms.supported(parsed.attestation().authData().algorithm()).isPresent()) {
            // a packed statement whose certificate has a user-assigned country (AA: the W3C test CA) is verified
            // here; the engine then verifies the rest without it (PackedAttestation)
            Optional<List<java.security.cert.X509Certificate>> packedChain = PackedAttestation.verifyWhenUserAssignedCountry(parsed);
            RegistrationResult result;
            try {
                result = rp.engine().finishRegistration(FinishRegistrationOptions.builder()
                        .request(request)
                        .response(packedChain.isPresent() ? PackedAttestation.withoutStatement(parsed) : parsed.credential())
                        .isConditionalCreate(begun.passwordVerifiedAt().isPresent())
                        .build());
            } catch (RegistrationFailedException e) {
                throw translate(e, pending.id());
            } catch (RuntimeException e) {
                throw signatureFailure(e, ErrorReason.ATTESTATION_INVALID)
                        .or(() -> engineFault(e, ErrorReason.ATTESTATION_INVALID)).orElseThrow(() -> e);
            }
            // the key stored is the one the library validated, byte for byte, and the one the engine read
            if (!java.util.Arrays.equals(publicKey, result.getPublicKeyCose().getBytes())) {
                // only bytes the two readers take differently get here: refused as the input's defect, never stored
                LOG.warn("registration {}: the engine read another credential public key than the library; refused",
                        pending.id());
                throw new PasskeyException(ErrorReason.COSE_KEY_INVALID,
                        "the credential public key is not in the canonical form the library and the engine read alike");
            }
            // the attestation policy: after the engine's verification, before anything is stored
            Attestations attestations = settings.engine().attestations();
            trusted = packedChain.isPresent()
                    ? attestations.apply("packed", attestations.chainTrusted(packedChain.get(), uuid(attested.getAaguid())),
                            uuid(attested.getAaguid()))
                    : attestations.check(parsed.credential().getResponse().getAttestation(),
                            parsed.credential().getResponse().getClientDataJSON(), result, uuid(attested.getAaguid()));
        } else {
            // an algorithm the engine does not know: the library's own path (OwnVerification), after the same checks
            OwnVerification.registration(parsed, request);
            trusted = settings.engine().attestations().apply(parsed.attestation().format(), false, uuid(attested.getAaguid()));
        }

        StoredPasskey passkey = new StoredPasskey(pending.id(), userId, pending.resourceOwner().orElseThrow(),
                pending.rpId(), Bytes.of(parsed.credential().getId().getBytes()),
                Bytes.of(request.getUser().getId().getBytes()), Bytes.of(publicKey),
                authData.getSignatureCounter(), uuid(attested.getAaguid()), parsed.transports(),
                authData.getFlags().BE, authData.getFlags().BS, authData.getFlags().UV,
                parsed.attestation().format(), trusted,
                normalizedName, PasskeyState.READY, false, now, now, Optional.empty(), withPrfSalt(parsed.extensions()));
        String owner = pending.resourceOwner().orElseThrow();
        Optional<CodeUse> code = pending.codeId().map(c -> new CodeUse(c, new NewEvent(userId, owner, EventType.CODE_USED, c, now)));
        Event event;
        try {
            event = settings.store().insertPasskey(passkey,
                    new NewEvent(userId, owner, EventType.PASSKEY_VERIFIED, pending.id(), now),
                    Optional.of(pending.id()), code);
        } catch (PasskeyStoreException e) {
            if (e.reason() == PasskeyStoreException.Reason.CEREMONY_GONE) {
                throw whyNotPending(userId, pending.id(), settings.now());
            }
            throw e;
        }
        kept.remove(pending);
        LOG.debug("registration {} verified for user {} (format {}, aaguid {})", pending.id(), userId,
                passkey.attestationFormat(), passkey.aaguid());
        return Details.changed(event);
    }

    private static final java.security.SecureRandom PRF_SALTS = new java.security.SecureRandom();

    /**
     * A passkey whose authenticator reported PRF support gets a salt of its own (32 random bytes), for
     * sign-ins that ask for its PRF output ({@link io.github.passkey4j.SignInOptions#withPrf}).
     */
    private static PasskeyExtensions withPrfSalt(PasskeyExtensions reported) {
        if (reported.prfEnabled().filter(Boolean::booleanValue).isEmpty()) {
            return reported;
        }
        byte[] salt = new byte[32];
        PRF_SALTS.nextBytes(salt);
        return reported.withPrfSalt(Bytes.of(salt));
    }

    private PendingCeremony pending(String userId, Optional<String> passkeyId, Instant now) {
        if (passkeyId.isEmpty()) {
            return settings.store().findNewestPending(userId, CeremonyKind.REGISTRATION, now)
                    .orElseThrow(() -> new PasskeyException(ErrorReason.CEREMONY_NOT_FOUND,
                            "there is no pending passkey registration; add a passkey first"));
        }
        Optional<PendingCeremony> found = settings.store().findPending(passkeyId.get())
                .filter(p -> p.kind() == CeremonyKind.REGISTRATION && p.userId().filter(userId::equals).isPresent());
        if (found.isEmpty() || found.get().isExpiredAt(now)) {
            throw whyNotPending(userId, passkeyId.get(), now);
        }
        return found.get();
    }

    /** Tells a caller why there is no pending registration with that id for them. */
    private PasskeyException whyNotPending(String userId, String passkeyId, Instant now) {
        Optional<PendingCeremony> p = settings.store().findPending(passkeyId)
                .filter(c -> c.kind() == CeremonyKind.REGISTRATION && c.userId().filter(userId::equals).isPresent());
        if (p.isPresent() && p.get().isExpiredAt(now)) {
            return new PasskeyException(ErrorReason.CEREMONY_EXPIRED);
        }
        Optional<StoredPasskey> passkey = settings.store().findPasskey(passkeyId);
        if (passkey.isPresent() && passkey.get().userId().equals(userId) && passkey.get().isReady()) {
            return new PasskeyException(ErrorReason.CEREMONY_USED, "this passkey was verified already");
        }
        return new PasskeyException(ErrorReason.PASSKEY_NOT_FOUND);
    }

    /**
     * The checks the library makes itself, before the engine, so that each defect has its own reason.
     * The engine then checks all of them again, and the signatures.
     */
    private AttestedCredentialData precheck(CredentialParser.Registration parsed, PendingCeremony pending,
            Request begun, Engine.Rp rp, AuthenticatorData authData, Policies policies) {
        PublicKeyCredentialCreationOptions request = begun.options();
        boolean conditional = begun.passwordVerifiedAt().isPresent();
        if (conditional) {
            // a passkey upgrade: the password the host verified moments before stands for user presence and
            // verification, which the browser's conditional create skips; only within the window
            policies.checkPasswordRecent(begun.passwordVerifiedAt().get(), settings.now());
        }
        boolean uvRequired = !conditional && (policies.requiresUserVerification() || request.getAuthenticatorSelection()
                .flatMap(AuthenticatorSelectionCriteria::getUserVerification)
                .filter(UserVerificationRequirement.REQUIRED::equals).isPresent());
        ClientChecks.check(parsed.clientData(), authData, pending, rp, !conditional, uvRequired);
        policies.checkCrossOrigin(parsed.clientData());
        AttestedCredentialData attested = authData.getAttestedCredentialData().orElseThrow(
                () -> new PasskeyException(ErrorReason.CBOR_INVALID, "the authenticator data holds no credential"));
        if (!attested.getCredentialId().equals(parsed.credential().getId())) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID,
                    "the credential id differs from the one in the authenticator data");
        }
        long alg = parsed.attestation().authData().algorithm();
        boolean requested = begun.offered().contains(alg);
        if (!requested || !Algorithms.verifiable(alg)) {
            throw new PasskeyException(ErrorReason.ALGORITHM_UNSUPPORTED,
                    "the authenticator's key algorithm " + Algorithms.describe(alg) + " is not supported");
        }
        return attested;
    }

    static long algorithm(ByteArray cose) {
        try {
            CBORObject key = CBORObject.DecodeFromBytes(cose.getBytes());
            CBORObject alg = key.get(CBORObject.FromObject(3));
            if (alg == null || !alg.isNumber()) {
                throw new PasskeyException(ErrorReason.CBOR_INVALID, "the credential public key names no algorithm");
            }
            return alg.AsNumber().ToInt64Checked();
        } catch (RuntimeException e) {
            if (e instanceof PasskeyException pe) {
                throw pe;
            }
            throw new PasskeyException(ErrorReason.CBOR_INVALID, "the credential public key cannot be decoded", e);
        }
    }

    /**
     * The engine's refusal as a reason of ours. The engine's message picks the reason; it never
     * reaches the caller or a log, since it can quote ids and key material.
     */
    private static PasskeyException translate(RegistrationFailedException e, String registrationId) {
        String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        String lower = detail == null ? "" : detail.toLowerCase(java.util.Locale.ROOT);
        ErrorReason reason;
        if (lower.contains("trust")) {
            reason = ErrorReason.ATTESTATION_NOT_TRUSTED;
        } else if (lower.contains("token binding") || lower.contains("tokenbinding")) {
            reason = ErrorReason.CLIENT_DATA_INVALID;
        } else if (lower.contains("attestation") || lower.contains("x5c") || lower.contains("certificate")
                || lower.contains("ctsprofilematch") || lower.contains("nonce") || lower.contains("jws")
                || lower.contains("aaguid")) {
            reason = ErrorReason.ATTESTATION_INVALID;
        } else if (lower.contains("public key") || lower.contains("algorithm")) {
            reason = ErrorReason.ALGORITHM_UNSUPPORTED;
        } else {
            reason = ErrorReason.VERIFICATION_FAILED;
        }
        LOG.debug("engine refused registration {}: {}", registrationId, reason.id());
        return new PasskeyException(reason, reason.defaultMessage(), e);
    }

    /**
     * The engine reports a signature it cannot even check (a malformed or wrongly sized signature, a
     * key of another type than its algorithm) as a bare {@link RuntimeException} around a
     * {@link java.security.SignatureException} or {@link java.security.InvalidKeyException}: that is
     * the caller's bad data, not a bug.
     *
     * @param e what the engine threw
     * @param reason the reason to give it
     * @return the exception to throw, when it is such a failure
     */
    static Optional<PasskeyException> signatureFailure(RuntimeException e, ErrorReason reason) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof java.security.SignatureException || c instanceof java.security.InvalidKeyException) {
                LOG.debug("engine could not check a signature ({}): {}", c.getClass().getSimpleName(), reason.id());
                return Optional.of(new PasskeyException(reason, reason.defaultMessage()));
            }
        }
        return Optional.empty();
    }

    /**
     * The engine's verifiers assume well-formed data in places the library does not check itself
     * (the library checks the CBOR, the authenticator data, the key and each statement's fields; the
     * engine parses certificates, TPM structures and JWS): a programming exception the engine throws
     * from its own code while reading the caller's data is the caller's bad data, not a bug of ours.
     *
     * @param e what the engine call threw
     * @param reason the reason to give it
     * @return the exception to throw, when it was thrown inside the engine
     */
    static Optional<PasskeyException> engineFault(RuntimeException e, ErrorReason reason) {
        if (!(e.getClass() == RuntimeException.class || e instanceof NullPointerException
                || e instanceof IllegalArgumentException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException
                || e instanceof UnsupportedOperationException || e instanceof IllegalStateException)) {
            return Optional.empty();
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("io.github.passkey4j.")) {
                return Optional.empty();
            }
            if (frame.getClassName().startsWith("com.yubico.")) {
                LOG.debug("engine failed on the credential's data ({}): {}", e.getClass().getSimpleName(), reason.id());
                return Optional.of(new PasskeyException(reason, reason.defaultMessage(), e));
            }
        }
        return Optional.empty();
    }

    static UUID uuid(ByteArray aaguid) {
        byte[] b = aaguid.getBytes();
        if (b.length != 16) {
            return new UUID(0, 0);
        }
        ByteBuffer buffer = ByteBuffer.wrap(b);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static String write(PublicKeyCredentialCreationOptions request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot serialize the creation options", e);
        }
    }

    /**
     * A stored request, and every algorithm it offered: those the engine's type cannot hold (the
     * library-verified ones) are left out of the engine's request.
     */
    private static Request read(String json) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            Set<Long> offered = new LinkedHashSet<>();
            com.fasterxml.jackson.databind.node.ArrayNode known = Json.MAPPER.createArrayNode();
            for (com.fasterxml.jackson.databind.JsonNode p : tree.path("pubKeyCredParams")) {
                long alg = p.path("alg").asLong();
                offered.add(alg);
                if (com.yubico.webauthn.data.COSEAlgorithmIdentifier.fromId(alg).isPresent()) {
                    known.add(p);
                }
            }
            tree.set("pubKeyCredParams", known);
            com.fasterxml.jackson.databind.JsonNode verified = tree.remove(PASSWORD_VERIFIED_AT);
            Optional<Instant> passwordVerifiedAt = verified == null ? Optional.empty()
                    : Optional.of(Instant.parse(verified.asText()));
            return new Request(Json.MAPPER.treeToValue(tree, PublicKeyCredentialCreationOptions.class), Set.copyOf(offered),
                    passwordVerifiedAt);
        } catch (JsonProcessingException | ClassCastException | java.time.format.DateTimeParseException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot read a stored registration request", e);
        }
    }

    /**
     * The member of a stored passkey upgrade's request that records when the host verified the password:
     * the stored request is the server's own, never the browser's, and the browser's options leave it out.
     */
    private static final String PASSWORD_VERIFIED_AT = "passkey4jPasswordVerifiedAt";

    private static String withPasswordVerifiedAt(String json, Instant passwordVerifiedAt) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            tree.put(PASSWORD_VERIFIED_AT, passwordVerifiedAt.toString());
            return Json.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot serialize the creation options", e);
        }
    }

    /** The creation options JSON with every offered algorithm in {@code pubKeyCredParams}, in order. */
    private static String withOffered(String json, List<Long> offered) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            com.fasterxml.jackson.databind.node.ArrayNode params = Json.MAPPER.createArrayNode();
            for (long alg : offered) {
                params.addObject().put("alg", alg).put("type", "public-key");
            }
            tree.set("pubKeyCredParams", params);
            return Json.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot serialize the creation options", e);
        }
    }

    /**
     * Forgets the engine's requests kept for registration ceremonies expired at {@code now}.
     *
     * @param now the purge's time
     */
    public void forgetExpired(Instant now) {
        kept.dropExpired(now);
    }
}
