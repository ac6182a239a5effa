package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.data.AuthenticatorData;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.SignCountPolicy;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PendingAndPasskey;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.SignInUpdate;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication ceremony: sign-in with a passkey, username-first or usernameless.
 *
 * <p>Finishing reads the pending sign-in and the passkey (in one store call), verifies the assertion
 * completely without changing anything, and then updates the passkey by compare-and-set on its
 * signature counter, taking the pending sign-in in the same transaction. A refused assertion changes nothing; a replay finds
 * the ceremony gone.
 */
public final class SignIns {

    private static final Logger LOG = LoggerFactory.getLogger(SignIns.class);
    /** How often a lost compare-and-set on the counter is retried with a fresh read. */
    private static final int CAS_ATTEMPTS = 16;

    private final Settings settings;
    private final SignCountPolicy counterPolicy;
    private final Policies policies;
    private final KeptRequests<PublicKeyCredentialRequestOptions> kept = new KeptRequests<>();

    /**
     * @param settings the configuration
     * @param counterPolicy what to do with a counter that does not go up
     * @param policies the user verification floor, backup eligibility, caps and cross-origin policy
     */
    public SignIns(Settings settings, SignCountPolicy counterPolicy, Policies policies) {
        this.settings = settings;
        this.counterPolicy = counterPolicy;
        this.policies = policies;
    }

    /**
     * @param options who signs in, on which RP, with which UV requirement
     * @return the ceremony id and request options
     */
    public SignInChallenge begin(SignInOptions options) {
        Engine.Rp rp = settings.engine().relyingParty(options.rpId(), options.origin());
        List<PublicKeyCredentialDescriptor> allow = new ArrayList<>();
        java.util.Map<PublicKeyCredentialDescriptor, com.yubico.webauthn.data.Extensions.Prf.PrfValues> salts =
                new java.util.LinkedHashMap<>();
        if (options.userId().isPresent()) {
            for (StoredPasskey p : settings.store().listPasskeys(options.userId().get())) {
                if (p.rpId().equals(rp.config().id())) {
                    PublicKeyCredentialDescriptor descriptor = Registrations.descriptor(p);
                    allow.add(descriptor);
                    p.extensions().prfSalt().ifPresent(salt -> salts.put(descriptor,
                            com.yubico.webauthn.data.Extensions.Prf.PrfValues.one(new ByteArray(salt.toArray()))));
                }
            }
            if (allow.isEmpty()) {
                throw new PasskeyException(ErrorReason.NO_PASSKEYS, "the user has no passkey to sign in with");
            }
        }
        // the configured requirement is a floor: a call may raise it, never lower it
        UserVerification uv = policies.userVerification(options.userVerification());
        Instant now = settings.now();
        String id = settings.ids().nextId();
        byte[] challenge = settings.challenges().nextChallenge();
        if (challenge == null || challenge.length < 16) {
            throw new PasskeyException(ErrorReason.INTERNAL, "the challenge source must give at least 16 bytes");
        }
        PublicKeyCredentialRequestOptions request = PublicKeyCredentialRequestOptions.builder()
                .challenge(new ByteArray(challenge))
                .timeout(settings.timeout().toMillis())
                .rpId(rp.config().id())
                .allowCredentials(allow)
                .userVerification(Registrations.requirement(uv))
                .hints(policies.hints(options.hints(), Optional.empty()).hints())
                .extensions(options.prf() && !salts.isEmpty()
                        ? com.yubico.webauthn.data.AssertionExtensionInputs.builder()
                                .prf(com.yubico.webauthn.data.Extensions.Prf.PrfAuthenticationInput.evalByCredential(salts))
                                .build()
                        : com.yubico.webauthn.data.AssertionExtensionInputs.builder().build())
                .build();
        String requestJson = write(request);
        Instant expiry = settings.expiry(now);
        PendingCeremony pending = new PendingCeremony(id, CeremonyKind.AUTHENTICATION, options.userId(),
                Optional.empty(), rp.config().id(), Bytes.of(challenge), requestJson, now, expiry, Optional.empty(),
                options.origin());
        if (options.userId().isPresent()) {
            // the user's oldest open sign-ins beyond the cap expire, in the same store call where the store can
            settings.store().insertPending(pending, policies.maxOpenCeremoniesPerUser());
        } else {
            settings.store().insertPending(pending);
        }
        kept.put(pending, request);
        LOG.debug("sign-in {} begun ({}) on RP {}", id, options.userId().map(u -> "user " + u).orElse("usernameless"),
                rp.config().id());
        return new SignInChallenge(id, "{\"publicKey\":" + requestJson + "}", expiry);
    }

    /**
     * @param ceremonyId the id {@link #begin} returned
     * @param assertionJson the browser's assertion JSON
     * @return the signed-in user and passkey
     */
    public SignInResult finish(String ceremonyId, String assertionJson) {
        CredentialParser.Assertion parsed = CredentialParser.parseAssertion(assertionJson);
        Instant now = settings.now();
        // the ceremony and the passkey in one store call (one round trip on the JDBC store); nothing is taken yet
        PendingAndPasskey read = settings.store().findPendingAndPasskey(ceremonyId,
                Bytes.of(parsed.credential().getId().getBytes()));
        PendingCeremony pending = read.pending()
                .filter(p -> p.kind() == CeremonyKind.AUTHENTICATION)
                .orElseThrow(() -> new PasskeyException(ErrorReason.CEREMONY_NOT_FOUND, "there is no such pending sign-in"));
        if (pending.isExpiredAt(now)) {
            throw new PasskeyException(ErrorReason.CEREMONY_EXPIRED);
        }
        Optional<StoredPasskey> ready = read.passkey().filter(StoredPasskey::isReady);
        if (ready.isEmpty()) {
            // the browser is told to forget the credential only when the assertion is otherwise this ceremony's
            // answer (challenge, origin, RP id hash, user presence): a replayed or foreign assertion gets its own
            // refusal and no signal
            ClientChecks.check(parsed.clientData(), parsed.credential().getResponse().getParsedAuthenticatorData(),
                    pending, settings.engine().relyingParty(Optional.of(pending.rpId())), false);
            policies.checkCrossOrigin(parsed.clientData());
            throw PasskeyException.unknownCredential(new io.github.passkey4j.Signals.UnknownCredential(pending.rpId(),
                    parsed.credential().getId().getBase64Url()));
        }
        StoredPasskey passkey = ready.get();
        checkOwner(pending, passkey, parsed);

        PublicKeyCredentialRequestOptions request = kept.get(pending);
        if (request == null) {
            request = read(pending.requestJson());
        }
        Engine.Rp rp = settings.engine().relyingParty(Optional.of(pending.rpId()));
        AuthenticatorData authData = parsed.credential().getResponse().getParsedAuthenticatorData();
        boolean uvRequired = policies.requiresUserVerification()
                || request.getUserVerification().filter(UserVerificationRequirement.REQUIRED::equals).isPresent();
        ClientChecks.check(parsed.clientData(), authData, pending, rp, uvRequired);
        policies.checkCrossOrigin(parsed.clientData());
        policies.checkBackupEligibility(passkey, authData.getFlags().BE);
        long alg = Registrations.algorithm(new ByteArray(passkey.publicKeyCose().toArray()));
        if (!Algorithms.verifiable(alg)) {
            throw new PasskeyException(ErrorReason.ALGORITHM_UNSUPPORTED,
                    "the passkey's key algorithm " + Algorithms.describe(alg) + " is not supported");
        }
        if (Algorithms.supported(alg).isEmpty()) {
            // an algorithm the engine does not know: the library's own path (OwnVerification), after the same checks
            OwnVerification.assertion(parsed, request, passkey);
            return record(pending, passkey, authData.getSignatureCounter(), authData.getFlags().UV,
                    authData.getFlags().BE, authData.getFlags().BS, now);
        }

        AssertionRequest assertionRequest = AssertionRequest.builder()
                .publicKeyCredentialRequestOptions(request)
                .userHandle(new ByteArray(passkey.userHandle().toArray()))
                .build();
        AssertionResult result;
        try {
            result = Engine.withCredential(passkey, () -> {
                try {
                    return rp.engine().finishAssertion(FinishAssertionOptions.builder()
                            .request(assertionRequest)
                            .response(parsed.credential())
                            .build());
                } catch (AssertionFailedException e) {
                    throw new EngineRefusal(e);
                }
            });
        } catch (EngineRefusal e) {
            throw translate(e.failure);
        } catch (RuntimeException e) {
            if (e instanceof PasskeyException) {
                throw e;
            }
            throw Registrations.signatureFailure(e, ErrorReason.SIGNATURE_INVALID)
                    .or(() -> Registrations.engineFault(e, ErrorReason.VERIFICATION_FAILED)).orElseThrow(() -> e);
        }
        return record(pending, passkey, result.getSignatureCount(), result.isUserVerified(), authData.getFlags().BE,
                authData.getFlags().BS, now);
    }

    private static void checkOwner(PendingCeremony pending, StoredPasskey passkey, CredentialParser.Assertion parsed) {
        Optional<ByteArray> handle = parsed.credential().getResponse().getUserHandle();
        if (pending.userId().isPresent() && !pending.userId().get().equals(passkey.userId())) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_NOT_OWNED,
                    "this passkey belongs to another user than the one signing in");
        }
        if (pending.userId().isEmpty() && handle.isEmpty()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID,
                    "a usernameless sign-in needs the passkey's user handle");
        }
        if (handle.isPresent() && !Bytes.of(handle.get().getBytes()).equals(passkey.userHandle())) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_NOT_OWNED,
                    "the user handle does not belong to this passkey");
        }
        if (!passkey.rpId().equals(pending.rpId())) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_NOT_OWNED,
                    "this passkey belongs to another relying party");
        }
    }

    /** Stores the sign-in by compare-and-set on the counter, re-reading after a lost race. */
    private SignInResult record(PendingCeremony pending, StoredPasskey passkey, long seen, boolean userVerified,
            boolean backupEligible, boolean backedUp, Instant now) {
        StoredPasskey current = passkey;
        for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
            boolean regression = !(seen == 0 && current.signCount() == 0) && seen <= current.signCount();
            if (regression && counterPolicy == SignCountPolicy.REJECT) {
                LOG.warn("passkey {} of user {}: signature counter {} is not above the stored {}; sign-in refused "
                        + "(the authenticator may be cloned)", current.id(), current.userId(), seen, current.signCount());
                throw new PasskeyException(ErrorReason.SIGN_COUNT_REGRESSION);
            }
            long store = Math.max(seen, current.signCount());
            SignInUpdate update = new SignInUpdate(current.userId(), current.id(), current.signCount(), store,
                    backupEligible, backedUp, regression, now);
            Optional<Event> event;
            try {
                event = settings.store().recordSignIn(update,
                        new NewEvent(current.userId(), current.resourceOwner(), EventType.PASSKEY_SIGNED_IN, current.id(), now),
                        Optional.of(pending.id()));
            } catch (PasskeyStoreException e) {
                if (e.reason() == PasskeyStoreException.Reason.CEREMONY_GONE) {
                    boolean expired = settings.store().findPending(pending.id()).isPresent();
                    throw new PasskeyException(expired ? ErrorReason.CEREMONY_EXPIRED : ErrorReason.CEREMONY_USED);
                }
                throw e;
            }
            if (event.isPresent()) {
                kept.remove(pending);
                if (regression) {
                    LOG.warn("passkey {} of user {}: signature counter {} is not above the stored {}; flagged as possibly "
                            + "cloned", current.id(), current.userId(), seen, current.signCount());
                }
                if (backupEligible != current.backupEligible()) {
                    LOG.info("passkey {} of user {}: backup eligibility changed to {}; accepted by policy", current.id(),
                            current.userId(), backupEligible);
                }
                LOG.debug("sign-in {} verified for user {} with passkey {}", pending.id(), current.userId(), current.id());
                return new SignInResult(current.userId(), current.resourceOwner(), current.id(), userVerified,
                        backedUp, store, current.possiblyCloned() || regression, Details.changed(event.get()),
                        io.github.passkey4j.Signals.NONE);
            }
            current = settings.store().findPasskey(current.id()).filter(StoredPasskey::isReady)
                    .orElseThrow(() -> new PasskeyException(ErrorReason.CREDENTIAL_UNKNOWN));
        }
        throw new PasskeyException(ErrorReason.STORE_UNAVAILABLE,
                "the passkey is being used by too many sign-ins at once; try again");
    }

    private static PasskeyException translate(AssertionFailedException e) {
        String detail = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        String lower = detail == null ? "" : detail.toLowerCase(java.util.Locale.ROOT);
        ErrorReason reason = lower.contains("signature") ? ErrorReason.SIGNATURE_INVALID
                : lower.contains("token binding") ? ErrorReason.CLIENT_DATA_INVALID // as at registration
                : ErrorReason.VERIFICATION_FAILED;
        // the engine's message picks the reason; it never reaches the caller or a log
        LOG.debug("engine refused a sign-in: {}", reason.id());
        return new PasskeyException(reason, reason.defaultMessage(), e);
    }

    /** Carries the engine's checked exception out of the call-scoped lambda. */
    private static final class EngineRefusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient AssertionFailedException failure;

        EngineRefusal(AssertionFailedException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private static String write(PublicKeyCredentialRequestOptions request) {
        try {
            return Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot serialize the request options", e);
        }
    }

    private static PublicKeyCredentialRequestOptions read(String json) {
        try {
            return Json.MAPPER.readValue(json, PublicKeyCredentialRequestOptions.class);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.INTERNAL, "cannot read a stored sign-in request", e);
        }
    }

    /**
     * Forgets the engine's requests kept for sign-in ceremonies expired at {@code now}.
     *
     * @param now the purge's time
     */
    public void forgetExpired(Instant now) {
        kept.dropExpired(now);
    }
}
