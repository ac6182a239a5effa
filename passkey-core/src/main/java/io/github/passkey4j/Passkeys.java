package io.github.passkey4j;

import com.yubico.webauthn.data.AttestationConveyancePreference;
import io.github.passkey4j.internal.Algorithms;
import io.github.passkey4j.internal.Engine;
import io.github.passkey4j.internal.Policies;
import io.github.passkey4j.internal.RegistrationCodes;
import io.github.passkey4j.internal.Registrations;
import io.github.passkey4j.internal.Settings;
import io.github.passkey4j.internal.SignIns;
import io.github.passkey4j.internal.StoreErrors;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passkeys for the users of a host application: add, verify, list, rename and remove them, and
 * sign in with them.
 *
 * <pre>{@code
 * Passkeys passkeys = Passkeys.builder()
 *         .store(new InMemoryPasskeyStore())
 *         .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
 *         .build();
 * AddPasskeyResponse added = passkeys.addPasskey(new PasskeyUser("42", "alice@example.com", "Alice", "org-1"));
 * // the browser: navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(...)})
 * passkeys.verifyPasskey("42", added.passkeyId(), credentialJson, "Laptop");
 * }</pre>
 *
 * <p>Thread-safe; build one instance per application and share it. Every method either does all it
 * says or throws a {@link PasskeyException} and changes nothing.
 */
public final class Passkeys {

    private static final Logger LOG = LoggerFactory.getLogger(Passkeys.class);

    private final Settings settings;
    private final Registrations registrations;
    private final SignIns signIns;
    private final RegistrationCodes codes;
    private final Optional<String> linkTemplate;
    private final Optional<RegistrationLinkNotifier> notifier;
    private final ProviderNames providerNames;
    private final List<PasskeyListener> listeners;
    private final java.util.function.Function<String, Optional<PasskeyUser>> userLookup;
    /** Verifies this instance's ECDSA signatures, or null for the JVM's provider order. */
    private final java.security.Provider ecdsaVerifier;

    private Passkeys(Builder b) {
        List<com.yubico.webauthn.data.PublicKeyCredentialParameters> algorithms = Algorithms.parameters(b.algorithms);
        List<Long> offered = Algorithms.offered(b.algorithms, b.ownAlgorithms);
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("algorithms: none of " + b.algorithms + " can be verified on this JVM");
        }
        if (b.ownAlgorithms.containsAll(io.github.passkey4j.internal.OwnSignatures.ML_DSA)
                && io.github.passkey4j.internal.OwnSignatures.mlDsaProvider().isEmpty()) {
            LOG.warn("ML-DSA is enabled but not offered: no provider on this JVM verifies it; add "
                    + "org.bouncycastle:bcprov-jdk18on (1.79 or later) to the class path, or run on Java 24 or later");
        }
        Policies policies = new Policies(b.userVerification, b.backupEligibilityPolicy, b.maxPasskeysPerUser,
                b.maxOpenCeremoniesPerUser, b.allowedTopOrigins, b.hints, b.requestPrf, b.conditionalCreateWindow);
        Engine engine = new Engine(b.relyingParties, b.relyingPartyResolver, b.clock, b.attestationPolicy,
                policies.engineChecksBackupEligibility());
        this.settings = new Settings(b.store, engine, b.clock, b.challenges, b.ids, b.timeout, b.grace,
                b.userVerification, algorithms, AttestationConveyancePreference.valueOf(b.attestation.name()), offered);
        this.registrations = new Registrations(settings, policies);
        this.signIns = new SignIns(settings, b.signCountPolicy, policies);
        this.codes = new RegistrationCodes(settings, b.codeLifetime);
        this.linkTemplate = b.linkTemplate;
        this.notifier = b.notifier;
        this.providerNames = b.providerNames;
        this.listeners = List.copyOf(b.listeners);
        for (RelyingPartyConfig rp : b.relyingParties) {
            Set<String> labels = rp.relatedOriginLabels();
            if (labels.size() > RelyingPartyConfig.RELATED_ORIGIN_LABELS_HONOURED) {
                LOG.warn("RP {} has related origins with {} distinct labels {}; browsers must honour only {} and may "
                        + "ignore the others", rp.id(), labels.size(), labels, RelyingPartyConfig.RELATED_ORIGIN_LABELS_HONOURED);
            }
        }
        this.userLookup = b.userLookup;
        this.ecdsaVerifier = b.ecdsaVerifier;
        if (ecdsaVerifier != null) {
            io.github.passkey4j.internal.ScopedEcdsa.install();
        }
    }

    /** The default of {@link Builder#maxPasskeysPerUser}. */
    public static final int DEFAULT_MAX_PASSKEYS_PER_USER = 64;
    /** The default of {@link Builder#maxOpenCeremoniesPerUser}. */
    public static final int DEFAULT_MAX_OPEN_CEREMONIES_PER_USER = 16;

    /** @return a builder; {@link Builder#store} and {@link Builder#relyingParty} are required */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ registration

    /**
     * "Add passkey": begins a registration for the signed-in user. Hand the response's creation
     * options to the browser, then call {@link #verifyPasskey} with its answer.
     *
     * @param user the signed-in user
     * @return the new passkey's id, the creation options and the details
     */
    public AddPasskeyResponse addPasskey(PasskeyUser user) {
        return addPasskey(user, AddPasskeyOptions.defaults());
    }

    /**
     * "Add passkey" with options: the kind of authenticator to offer, the RP id.
     *
     * @param user the signed-in user
     * @param options the options
     * @return the new passkey's id, the creation options and the details
     * @throws PasskeyException FAILED_PRECONDITION {@link ErrorReason#PASSKEY_LIMIT_REACHED} when the
     *     user holds {@link Builder#maxPasskeysPerUser} passkeys already
     */
    public AddPasskeyResponse addPasskey(PasskeyUser user, AddPasskeyOptions options) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(options, "options");
        return observed(PasskeyListener.Operation.ADD_PASSKEY, user.id(), null, () -> {
            options.code().ifPresent(c -> codes.check(user.id(), c.id(), c.code()));
            return registrations.begin(user, options, options.code().map(AddPasskeyOptions.CodeCredentials::id));
        });
    }

    /**
     * "Verify passkey": checks the browser's answer to {@link #addPasskey} and stores the passkey.
     *
     * @param userId the signed-in user's id
     * @param passkeyId the id {@link #addPasskey} returned
     * @param credentialJson the browser's credential, as {@code PublicKeyCredential.toJSON()} gives
     *     it (at most 64 KiB)
     * @param name a name for the passkey, by the rule of {@link Names}: stored NFC-normalised, 1 to 200
     *     code points, no control or bidi control characters
     * @return the details of the change
     * @throws PasskeyException with the reason for each way the answer can be wrong; nothing is
     *     stored then, and the registration can still be verified until it expires
     */
    public Details verifyPasskey(String userId, String passkeyId, String credentialJson, String name) {
        PasskeyUser.requireUserId(userId);
        Objects.requireNonNull(passkeyId, "passkeyId");
        return observed(PasskeyListener.Operation.VERIFY_PASSKEY, userId, passkeyId,
                () -> registrations.finish(userId, Optional.of(passkeyId), credentialJson, name, false));
    }

    /**
     * "Verify passkey" for a caller without a signed-in user: allowed only for a registration begun with
     * a registration code ({@link AddPasskeyOptions#withCode}); the code is used up, in the same
     * transaction as the passkey is stored. Of two devices racing with one code, exactly one gets a
     * passkey.
     *
     * @param userId the user in the link
     * @param passkeyId the id {@link #addPasskey} returned
     * @param credentialJson the browser's credential
     * @param name a name for the passkey
     * @return the details of the change
     * @throws PasskeyException UNAUTHENTICATED when the registration was not begun with a code;
     *     INVALID_ARGUMENT when the code was used or expired meanwhile
     */
    public Details verifyPasskeyWithCode(String userId, String passkeyId, String credentialJson, String name) {
        PasskeyUser.requireUserId(userId);
        Objects.requireNonNull(passkeyId, "passkeyId");
        return observed(PasskeyListener.Operation.VERIFY_PASSKEY, userId, passkeyId,
                () -> registrations.finish(userId, Optional.of(passkeyId), credentialJson, name, true));
    }

    /**
     * "Verify passkey" without a passkey id: verifies against the user's newest pending registration
     * (ZITADEL v1 compatibility). Prefer {@link #verifyPasskey(String, String, String, String)}.
     *
     * @param userId the signed-in user's id
     * @param credentialJson the browser's credential
     * @param name a name for the passkey
     * @return the details of the change
     */
    public Details verifyNewestPasskey(String userId, String credentialJson, String name) {
        PasskeyUser.requireUserId(userId);
        return observed(PasskeyListener.Operation.VERIFY_PASSKEY, userId, null,
                () -> registrations.finish(userId, Optional.empty(), credentialJson, name, false));
    }

    // ------------------------------------------------------------------ registration codes

    /**
     * Creates a one-time registration code for a user (ZITADEL's {@code returnCode}): 16 characters
     * without look-alikes (80 bits), valid for the configured lifetime (default one hour), usable with
     * {@link AddPasskeyOptions#withCode} from a device that is not signed in. Three wrong tries burn
     * it; it is used up only when a registration begun with it is verified.
     *
     * @param user the user it adds a passkey for
     * @return the code (shown once; only its hash is stored)
     */
    public CreatedRegistrationCode createRegistrationCode(PasskeyUser user) {
        Objects.requireNonNull(user, "user");
        return observed(PasskeyListener.Operation.CREATE_REGISTRATION_CODE, user.id(), null, () -> codes.create(user));
    }

    /**
     * Creates a registration code and puts it into a link (ZITADEL's Auth API v1 {@code _link}).
     *
     * @param user the user it adds a passkey for
     * @param urlTemplate a URL with {@code {{.UserID}}}, {@code {{.OrgID}}}, {@code {{.CodeID}}} and
     *     {@code {{.Code}}} placeholders, e.g.
     *     {@code https://login.example.com/register?userID={{.UserID}}&orgID={{.OrgID}}&codeID={{.CodeID}}&code={{.Code}}}
     * @return the link and the code's lifetime
     */
    public RegistrationLink createRegistrationLink(PasskeyUser user, String urlTemplate) {
        Objects.requireNonNull(user, "user");
        return observed(PasskeyListener.Operation.CREATE_REGISTRATION_CODE, user.id(), null,
                () -> codes.link(user, urlTemplate));
    }

    /**
     * Creates a registration link with the configured template and hands it to the configured
     * {@link RegistrationLinkNotifier} (ZITADEL's {@code sendLink}).
     *
     * @param user the user it adds a passkey for
     * @return the details of the creation
     * @throws PasskeyException FAILED_PRECONDITION when no notifier or template is configured
     */
    public Details sendRegistrationLink(PasskeyUser user) {
        return sendRegistrationLink(user, linkTemplate.orElseThrow(() -> new PasskeyException(ErrorReason.NOTIFIER_MISSING,
                "no registration link template is configured")));
    }

    /**
     * Creates a registration link from {@code urlTemplate} and hands it to the configured
     * {@link RegistrationLinkNotifier}.
     *
     * @param user the user it adds a passkey for
     * @param urlTemplate the link template
     * @return the details of the creation
     * @throws PasskeyException FAILED_PRECONDITION when no notifier is configured
     */
    public Details sendRegistrationLink(PasskeyUser user, String urlTemplate) {
        Objects.requireNonNull(user, "user");
        return observed(PasskeyListener.Operation.SEND_REGISTRATION_LINK, user.id(), null, () -> {
            RegistrationLinkNotifier n = notifier.orElseThrow(() -> new PasskeyException(ErrorReason.NOTIFIER_MISSING));
            RegistrationLink link = codes.link(user, urlTemplate);
            n.send(user, link.link(), link.details().changeDate().plus(link.lifetime()));
            return link.details();
        });
    }

    // ------------------------------------------------------------------ sign-in

    /**
     * Begins a sign-in: username-first ({@link SignInOptions#forUser}: only that user's passkeys are
     * allowed) or usernameless ({@link SignInOptions#usernameless}: any discoverable passkey, also for
     * conditional UI with {@code mediation: "conditional"}).
     *
     * @param options who signs in
     * @return the ceremony id and the request options for the browser
     * @throws PasskeyException FAILED_PRECONDITION when a named user has no passkey
     */
    public SignInChallenge beginSignIn(SignInOptions options) {
        Objects.requireNonNull(options, "options");
        return observed(PasskeyListener.Operation.BEGIN_SIGN_IN, null, null, () -> signIns.begin(options));
    }

    /**
     * Finishes a sign-in: verifies the browser's assertion (signature, origin, RP id, challenge, user
     * presence and verification, that the passkey is a ready passkey of the user the ceremony was
     * begun for or whose user handle it carries), then records the new signature counter, backup
     * state and last use.
     *
     * @param ceremonyId the id {@link #beginSignIn} returned
     * @param assertionJson the browser's assertion, as {@code PublicKeyCredential.toJSON()} gives it
     * @return the signed-in user, the passkey used and the details
     * @throws PasskeyException with the reason for each way the assertion can be wrong; nothing is
     *     changed then, and the sign-in can still be finished until it expires
     */
    public SignInResult finishSignIn(String ceremonyId, String assertionJson) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        return observed(PasskeyListener.Operation.FINISH_SIGN_IN, null, null, () -> {
            SignInResult result = signIns.finish(ceremonyId, assertionJson);
            return result.withSignals(signalsAfterSignIn(result));
        });
    }

    // ------------------------------------------------------------------ management

    /**
     * @param userId a user id
     * @return the user's ready passkeys, oldest first
     */
    public List<PasskeyInfo> listPasskeys(String userId) {
        PasskeyUser.requireUserId(userId);
        return guard(() -> {
            List<StoredPasskey> stored = settings.store().listPasskeys(userId);
            List<PasskeyInfo> result = new ArrayList<>(stored.size());
            for (StoredPasskey p : stored) {
                result.add(info(p));
            }
            return List.copyOf(result);
        });
    }

    /**
     * Renames one of the user's passkeys.
     *
     * @param userId the owner
     * @param passkeyId the passkey
     * @param name the new name, by the rule of {@link Names} (stored NFC-normalised)
     * @return the details of the change
     * @throws PasskeyException NOT_FOUND when the passkey is unknown, removed or another user's
     */
    public Details renamePasskey(String userId, String passkeyId, String name) {
        PasskeyUser.requireUserId(userId);
        Objects.requireNonNull(passkeyId, "passkeyId");
        return observed(PasskeyListener.Operation.RENAME_PASSKEY, userId, passkeyId, () -> {
            String normalized = Names.normalize(name);
            Optional<StoredPasskey> p = owned(userId, passkeyId);
            Instant now = settings.now();
            Optional<Event> event = settings.store().renamePasskey(userId, passkeyId, normalized,
                    new NewEvent(userId, p.get().resourceOwner(), EventType.PASSKEY_RENAMED, passkeyId, now));
            return Details.changed(event.orElseThrow(() -> new PasskeyException(ErrorReason.PASSKEY_NOT_FOUND)));
        });
    }

    /**
     * Removes one of the user's passkeys: it can no longer sign in.
     *
     * @param userId the owner
     * @param passkeyId the passkey
     * @return the details of the change, and the {@code allAcceptedCredentials} signal with the user's
     *     passkeys left on its RP id (for {@code PublicKeyCredential.signalAllAcceptedCredentials})
     * @throws PasskeyException NOT_FOUND when the passkey is unknown, removed already or another
     *     user's
     */
    public RemovePasskeyResponse removePasskey(String userId, String passkeyId) {
        PasskeyUser.requireUserId(userId);
        Objects.requireNonNull(passkeyId, "passkeyId");
        return observed(PasskeyListener.Operation.REMOVE_PASSKEY, userId, passkeyId, () -> {
            Optional<StoredPasskey> p = owned(userId, passkeyId);
            Instant now = settings.now();
            Optional<Event> event = settings.store().removePasskey(userId, passkeyId,
                    new NewEvent(userId, p.get().resourceOwner(), EventType.PASSKEY_REMOVED, passkeyId, now));
            LOG.debug("passkey {} of user {} removed", passkeyId, userId);
            Details details = Details.changed(event.orElseThrow(() -> new PasskeyException(ErrorReason.PASSKEY_NOT_FOUND)));
            StoredPasskey removed = p.get();
            return new RemovePasskeyResponse(details, new Signals(
                    allAccepted(settings.store().listPasskeys(userId), removed.rpId(), removed.userHandle()), null));
        });
    }

    private Optional<StoredPasskey> owned(String userId, String passkeyId) {
        Optional<StoredPasskey> p = settings.store().findPasskey(passkeyId)
                .filter(k -> k.userId().equals(userId) && k.isReady());
        if (p.isEmpty()) {
            throw new PasskeyException(ErrorReason.PASSKEY_NOT_FOUND);
        }
        return p;
    }

    /**
     * The user's history: every manipulation with its sequence and time, for audit.
     *
     * @param userId a user id
     * @return the events, by sequence
     */
    public List<Event> history(String userId) {
        PasskeyUser.requireUserId(userId);
        return guard(() -> settings.store().listEvents(userId));
    }

    /**
     * Deletes expired pending ceremonies and registration codes, and forgets what this instance kept in memory
     * for those ceremonies. Schedule it (every few minutes).
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        return guard(() -> {
            Instant now = settings.now();
            int purged = settings.store().purgeExpired(now);
            registrations.forgetExpired(now);
            signIns.forgetExpired(now);
            return purged;
        });
    }

    // ------------------------------------------------------------------ signals

    /** The user's accepted passkeys on the sign-in's RP id, and their names when the host can say them. */
    private Signals signalsAfterSignIn(SignInResult result) {
        List<StoredPasskey> all = settings.store().listPasskeys(result.userId());
        StoredPasskey used = all.stream().filter(p -> p.id().equals(result.passkeyId())).findFirst().orElse(null);
        if (used == null) {
            return Signals.NONE; // removed between the sign-in and now: nothing certain to say
        }
        String handle = new com.yubico.webauthn.data.ByteArray(used.userHandle().toArray()).getBase64Url();
        Signals.CurrentUserDetails names = null;
        if (userLookup != null) {
            Optional<PasskeyUser> user;
            try {
                user = userLookup.apply(result.userId());
            } catch (RuntimeException e) {
                LOG.warn("the user lookup failed ({}); no currentUserDetails signal", e.getClass().getName());
                user = Optional.empty();
            }
            names = user.filter(u -> u.id().equals(result.userId()))
                    .map(u -> new Signals.CurrentUserDetails(used.rpId(), handle, u.loginName(), u.displayName()))
                    .orElse(null);
        }
        return new Signals(allAccepted(all, used.rpId(), used.userHandle()), names);
    }

    /** Every ready passkey of this user handle on this RP id: what the browser may keep. */
    private static Signals.AllAcceptedCredentials allAccepted(List<StoredPasskey> passkeys, String rpId,
            io.github.passkey4j.store.Bytes userHandle) {
        List<String> ids = new ArrayList<>();
        for (StoredPasskey p : passkeys) {
            if (p.isReady() && p.rpId().equals(rpId) && p.userHandle().equals(userHandle)) {
                ids.add(new com.yubico.webauthn.data.ByteArray(p.credentialId().toArray()).getBase64Url());
            }
        }
        return new Signals.AllAcceptedCredentials(rpId,
                new com.yubico.webauthn.data.ByteArray(userHandle.toArray()).getBase64Url(), ids);
    }

    // ------------------------------------------------------------------ helpers

    private PasskeyInfo info(StoredPasskey p) {
        Optional<ProviderNames.Icons> icons = providerNames.iconsOf(p.aaguid());
        return new PasskeyInfo(p.id(), PasskeyInfo.STATE_READY, p.name(), p.createdAt(), p.lastUsedAt().orElse(null),
                p.aaguid().toString(), providerNames.nameOf(p.aaguid()).orElse(null), p.backupEligible(), p.backedUp(),
                p.transports(), p.rpId(), p.extensions().residentKey().orElse(null),
                p.extensions().prfEnabled().orElse(null), p.extensions().authenticatorDisplayName().orElse(null),
                icons.flatMap(ProviderNames.Icons::light).orElse(null), icons.flatMap(ProviderNames.Icons::dark).orElse(null));
    }

    /**
     * {@link #guard} and then the listeners: told the outcome, success or failure, with the ids the
     * caller gave or the result names.
     */
    private <T> T observed(PasskeyListener.Operation operation, String userId, String passkeyId, Supplier<T> body) {
        Supplier<T> call = ecdsaVerifier == null ? body
                : () -> io.github.passkey4j.internal.ScopedEcdsa.with(ecdsaVerifier, body);
        if (listeners.isEmpty()) {
            return guard(call);
        }
        long start = System.nanoTime();
        T result;
        try {
            result = guard(call);
        } catch (PasskeyException e) {
            tell(new PasskeyListener.Outcome(operation, Optional.of(e.reason()), Optional.ofNullable(userId),
                    Optional.ofNullable(passkeyId), Optional.empty(), Duration.ofNanos(System.nanoTime() - start)));
            throw e;
        }
        Optional<Boolean> userVerified = Optional.empty();
        if (result instanceof SignInResult signedIn) {
            userId = signedIn.userId();
            passkeyId = signedIn.passkeyId();
            userVerified = Optional.of(signedIn.userVerified());
        } else if (result instanceof AddPasskeyResponse added) {
            passkeyId = added.passkeyId();
        }
        tell(new PasskeyListener.Outcome(operation, Optional.empty(), Optional.ofNullable(userId),
                Optional.ofNullable(passkeyId), userVerified, Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    private void tell(PasskeyListener.Outcome outcome) {
        for (PasskeyListener listener : listeners) {
            try {
                listener.onOutcome(outcome);
            } catch (RuntimeException e) {
                LOG.warn("passkey listener {} failed on {} ({})", listener.getClass().getName(), outcome.operation(),
                        e.getClass().getName());
            }
        }
    }

    private static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (PasskeyException e) {
            throw e;
        } catch (PasskeyStoreException e) {
            throw StoreErrors.translate(e);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure", e);
            throw new PasskeyException(ErrorReason.INTERNAL, ErrorReason.INTERNAL.defaultMessage(), e);
        }
    }

    // ------------------------------------------------------------------ builder

    /** Configures a {@link Passkeys}; fails fast, naming the field, when something is wrong. */
    public static final class Builder {
        private PasskeyStore store;
        private final List<RelyingPartyConfig> relyingParties = new ArrayList<>();
        private RelyingPartyResolver relyingPartyResolver;
        private Clock clock = Clock.systemUTC();
        private ChallengeSource challenges = ChallengeSource.secureRandom();
        private IdGenerator ids;
        private Duration timeout = Duration.ofSeconds(60);
        private Duration grace = Duration.ofSeconds(30);
        private UserVerification userVerification = UserVerification.REQUIRED;
        private List<Long> algorithms = Algorithms.DEFAULT_PREFERENCE;
        private ProviderNames providerNames = ProviderNames.bundled();
        private AttestationConveyance attestation = AttestationConveyance.NONE;
        private SignCountPolicy signCountPolicy = SignCountPolicy.REJECT;
        private Duration codeLifetime = Duration.ofHours(1);
        private Optional<String> linkTemplate = Optional.empty();
        private Optional<RegistrationLinkNotifier> notifier = Optional.empty();
        private AttestationPolicy attestationPolicy = AttestationPolicy.acceptAny();
        private BackupEligibilityPolicy backupEligibilityPolicy = BackupEligibilityPolicy.REJECT;
        private int maxPasskeysPerUser = DEFAULT_MAX_PASSKEYS_PER_USER;
        private int maxOpenCeremoniesPerUser = DEFAULT_MAX_OPEN_CEREMONIES_PER_USER;
        private java.util.Set<String> allowedTopOrigins = java.util.Set.of();
        private final java.util.Set<Long> ownAlgorithms = new java.util.LinkedHashSet<>();
        private java.security.Provider ecdsaVerifier;
        private final List<PasskeyListener> listeners = new ArrayList<>();
        private java.util.function.Function<String, Optional<PasskeyUser>> userLookup;
        private List<Hint> hints = List.of();
        private boolean requestPrf;
        private Duration conditionalCreateWindow = Duration.ofMinutes(5);

        private Builder() {
        }

        /**
         * Adds a listener told the outcome of every operation (see {@link PasskeyListener}); listeners
         * run in the order they were added.
         *
         * @param listener the listener
         * @return this
         */
        public Builder listener(PasskeyListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The hints of every ceremony that requests none (WebAuthn Level 3 {@code hints}, in
         * decreasing preference); a call's own hints ({@link AddPasskeyOptions#withHints},
         * {@link SignInOptions#withHints}) replace them. Default: none ({@code "hints": []}).
         *
         * @param defaults the default hints
         * @return this
         */
        public Builder hints(Hint... defaults) {
            this.hints = List.of(defaults);
            return this;
        }

        /**
         * Whether registrations ask the authenticator whether it supports the PRF extension
         * ({@code extensions.prf: {}}), recorded as {@link PasskeyInfo#prfEnabled()}. PRF outputs never
         * reach the server: the page uses them to derive keys of its own. Default: off.
         *
         * @param request whether to ask
         * @return this
         */
        public Builder requestPrf(boolean request) {
            this.requestPrf = request;
            return this;
        }

        /**
         * How long after the host verified a user's password a passkey upgrade
         * ({@link AddPasskeyOptions#conditional}) may be begun and finished without user presence.
         *
         * @param window 10 seconds to 1 hour (default 5 minutes)
         * @return this
         */
        public Builder conditionalCreateWindow(Duration window) {
            Objects.requireNonNull(window, "window");
            if (window.compareTo(Duration.ofSeconds(10)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("conditionalCreateWindow must be 10 seconds to 1 hour, not " + window);
            }
            this.conditionalCreateWindow = window;
            return this;
        }

        /**
         * How to find a user's current names for the {@code currentUserDetails} signal after a sign-in
         * ({@link SignInResult#signals()}): the store keeps no names, the host does. Without a
         * lookup, sign-ins carry no such signal. A lookup that throws or finds nobody is logged and
         * leaves the signal out; the sign-in stands.
         *
         * @param lookup the host's user by the user id it gave passkey4j
         * @return this
         */
        public Builder userLookup(java.util.function.Function<String, Optional<PasskeyUser>> lookup) {
            this.userLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * @param store where passkeys, ceremonies and history live (required)
         * @return this
         */
        public Builder store(PasskeyStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Adds a relying party. The first one added is the default; others are chosen per call by RP id.
         *
         * @param relyingParty the RP id, its name and its allowed origins
         * @return this
         */
        public Builder relyingParty(RelyingPartyConfig relyingParty) {
            relyingParties.add(Objects.requireNonNull(relyingParty, "relyingParty"));
            return this;
        }

        /**
         * The relying parties of tenants beyond the configured ones, found at run time by the RP id
         * (ZITADEL's {@code domain}) or the origin a ceremony is begun for: for a multi-tenant host
         * whose tenants come and go. See {@link RelyingPartyResolver}. The configured relying parties
         * come first, and the first of them stays the default.
         *
         * @param resolver the tenants' relying parties
         * @return this
         */
        public Builder relyingPartyResolver(RelyingPartyResolver resolver) {
            this.relyingPartyResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * @param clock the time source (default: the system clock in UTC)
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param challenges the challenge source (default: 32 bytes from {@code SecureRandom})
         * @return this
         */
        public Builder challenges(ChallengeSource challenges) {
            this.challenges = Objects.requireNonNull(challenges, "challenges");
            return this;
        }

        /**
         * @param ids the id generator (default: {@link IdGenerator#random()}, 63 random bits per id, safe on any
         *     number of nodes sharing a store; {@link IdGenerator#timeOrdered(int)} needs a distinct node id per node)
         * @return this
         */
        public Builder ids(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * @param timeout how long the browser may take (default 60 seconds, as ZITADEL)
         * @return this
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.compareTo(Duration.ofSeconds(10)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("timeout must be between 10 seconds and 1 hour: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @param grace how much longer than the timeout the server accepts an answer (default 30 s)
         * @return this
         */
        public Builder grace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("grace must be between 0 and 5 minutes: " + grace);
            }
            this.grace = grace;
            return this;
        }

        /**
         * The user verification every ceremony requires at least: a call may raise it
         * ({@link SignInOptions#withUserVerification}), never lower it. The options carry the
         * stronger of the two, and finishing refuses a ceremony without UV whenever either requires it.
         *
         * @param userVerification whether the authenticator must verify the user (default REQUIRED)
         * @return this
         */
        public Builder userVerification(UserVerification userVerification) {
            this.userVerification = Objects.requireNonNull(userVerification, "userVerification");
            return this;
        }

        /**
         * The COSE algorithms to offer, in order of preference. Those this JVM or the WebAuthn engine
         * cannot verify are left out (never offer what cannot be verified afterwards). Default: -7,
         * -35, -36, -257, -258, -259, -37, -38, -39, -8, of which the PS* ones (-37, -38, -39) are left
         * out unless {@link #enablePss()} is called (the engine cannot verify them; the library then
         * does).
         *
         * @param coseAlgorithms COSE algorithm ids
         * @return this
         */
        public Builder algorithms(List<Long> coseAlgorithms) {
            Objects.requireNonNull(coseAlgorithms, "algorithms");
            if (coseAlgorithms.isEmpty()) {
                throw new IllegalArgumentException("algorithms must not be empty");
            }
            this.algorithms = List.copyOf(coseAlgorithms);
            return this;
        }

        /**
         * Verifies this instance's ECDSA signatures (ES256, ES384, ES512: nearly every passkey's
         * sign-in and every "packed" registration) with {@code provider} instead of the JDK's, for this
         * instance's calls only. The fastest choice on JDK 17 is BouncyCastle's
         * ({@code org.bouncycastle:bcprov-jdk18on}, which the host adds):
         * {@code .ecdsaVerifier(new BouncyCastleProvider())}. See the README for what each provider
         * gives on JDK 17 and JDK 25.
         *
         * <p>The JVM's providers stay as they were for everyone else: Yubico's engine asks the JVM's
         * provider order for its {@code Signature}, so the first {@code Passkeys} built with a verifier
         * registers, once, a provider named {@code passkey4j-ECDSA-scoped} first in that order, which
         * declines every key outside a call of an instance built with a verifier (JCA then takes the
         * provider it took before). The provider given is used, never registered. Unlike
         * {@link io.github.passkey4j.crypto.EcdsaVerifyProvider}, nothing outside passkey4j's calls
         * changes.
         *
         * @param provider a provider with {@code SHA256withECDSA}, {@code SHA384withECDSA} and
         *     {@code SHA512withECDSA} signatures
         * @return this
         * @throws IllegalArgumentException when it lacks one of them
         */
        public Builder ecdsaVerifier(java.security.Provider provider) {
            io.github.passkey4j.internal.ScopedEcdsa.requireEcdsa(provider);
            this.ecdsaVerifier = provider;
            return this;
        }

        // ---- algorithms the library verifies itself (issue 16)

        /**
         * Also offers and verifies RSASSA-PSS credential keys: PS256 (-37), PS384 (-38) and PS512
         * (-39), with MGF1 over the same hash and a salt as long as the hash (RFC 8230), through the
         * JDK's {@code RSASSA-PSS}. Yubico's engine knows none of them, so the library verifies
         * these registrations ("none" and "packed" self attestation; other formats are refused) and
         * their sign-ins itself, with the same checks. They are offered where {@link #algorithms}
         * names them (the default list does, after RS512) and at its end where it does not. Off by
         * default, so that the options stay exactly as they were.
         *
         * @return this
         */
        public Builder enablePss() {
            ownAlgorithms.addAll(io.github.passkey4j.internal.OwnSignatures.PSS);
            return this;
        }

        /**
         * Also offers and verifies ML-DSA credential keys (FIPS 204, the post-quantum signature):
         * ML-DSA-44 (-48), ML-DSA-65 (-49) and ML-DSA-87 (-50), COSE key type AKP (RFC 9964, the
         * former draft-ietf-cose-dilithium). Verified by the library itself, like {@link #enablePss},
         * with a provider found at run time: the JDK's own from Java 24 on, a registered provider, or
         * BouncyCastle ({@code org.bouncycastle:bcprov-jdk18on}, 1.79 or later; the host adds it) on
         * the class path, used without being registered. They are offered where {@link #algorithms}
         * names them and at its end where it does not, and only when such a provider is there:
         * without one they are not offered, and {@link #build()} logs a warning saying what to add.
         * Off by default.
         *
         * @return this
         */
        public Builder enableMlDsa() {
            ownAlgorithms.addAll(io.github.passkey4j.internal.OwnSignatures.ML_DSA);
            return this;
        }

        /**
         * @param attestation what the browser is asked to convey about the authenticator (default NONE)
         * @return this
         */
        public Builder attestation(AttestationConveyance attestation) {
            this.attestation = Objects.requireNonNull(attestation, "attestation");
            return this;
        }

        /**
         * @param policy what to do when a passkey's signature counter does not go up (default REJECT)
         * @return this
         */
        public Builder signCountPolicy(SignCountPolicy policy) {
            this.signCountPolicy = Objects.requireNonNull(policy, "signCountPolicy");
            return this;
        }

        /**
         * @param lifetime how long a registration code lives (default one hour; 1 minute to 30 days)
         * @return this
         */
        public Builder registrationCodeLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "registrationCodeLifetime");
            if (lifetime.compareTo(Duration.ofMinutes(1)) < 0 || lifetime.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("registrationCodeLifetime must be between 1 minute and 30 days: " + lifetime);
            }
            this.codeLifetime = lifetime;
            return this;
        }

        /**
         * @param policy which attestation roots to trust, whether to require trusted attestation, and
         *     which authenticator models (AAGUIDs) to allow or deny (default: accept any)
         * @return this
         */
        public Builder attestationPolicy(AttestationPolicy policy) {
            this.attestationPolicy = Objects.requireNonNull(policy, "attestationPolicy");
            return this;
        }

        /**
         * @param policy what to do with a sign-in whose backup eligibility (BE flag) differs from the
         *     one registered (default {@link BackupEligibilityPolicy#REJECT})
         * @return this
         */
        public Builder backupEligibilityPolicy(BackupEligibilityPolicy policy) {
            this.backupEligibilityPolicy = Objects.requireNonNull(policy, "backupEligibilityPolicy");
            return this;
        }

        /**
         * The most ready passkeys one user may hold: "Add passkey" (with or without a registration
         * code) for a user who holds that many is refused with FAILED_PRECONDITION
         * {@link ErrorReason#PASSKEY_LIMIT_REACHED}. It is checked when a registration begins, so with
         * registrations begun below it still open a user can end with up to
         * {@code maxPasskeysPerUser - 1 + maxOpenCeremoniesPerUser} passkeys, and no more. It bounds the allow
         * list of a username-first sign-in, which anyone may ask for.
         *
         * @param max 1 to 1000 (default {@value #DEFAULT_MAX_PASSKEYS_PER_USER})
         * @return this
         */
        public Builder maxPasskeysPerUser(int max) {
            if (max < 1 || max > 1000) {
                throw new IllegalArgumentException("maxPasskeysPerUser must be between 1 and 1000: " + max);
            }
            this.maxPasskeysPerUser = max;
            return this;
        }

        /**
         * The most open (begun, unfinished, unexpired) ceremonies one user may have of each kind
         * (registrations; username-first sign-ins). Beginning one more makes the oldest expire: it is
         * answered with {@link ErrorReason#CEREMONY_EXPIRED}. A user is never refused a new ceremony,
         * so nobody can lock a user out by beginning sign-ins in their name; the store holds at most
         * this many per user and kind.
         *
         * @param max 1 to 1000 (default {@value #DEFAULT_MAX_OPEN_CEREMONIES_PER_USER})
         * @return this
         */
        public Builder maxOpenCeremoniesPerUser(int max) {
            if (max < 1 || max > 1000) {
                throw new IllegalArgumentException("maxOpenCeremoniesPerUser must be between 1 and 1000: " + max);
            }
            this.maxOpenCeremoniesPerUser = max;
            return this;
        }

        /**
         * The top-level origins under which a ceremony may run in a cross-origin iframe. A
         * credential whose client data says {@code crossOrigin: true} is refused with
         * {@link ErrorReason#CROSS_ORIGIN_NOT_ALLOWED} unless its {@code topOrigin} is one of these
         * (default none: every cross-origin ceremony is refused). The frame's own origin must still be
         * an origin of the relying party.
         *
         * @param origins origins such as {@code https://shop.example}: scheme, host and optional port
         * @return this
         */
        public Builder allowedTopOrigins(java.util.Collection<String> origins) {
            Objects.requireNonNull(origins, "allowedTopOrigins");
            for (String o : origins) {
                if (o == null || !o.matches("https?://[^/?#\\s]+")) {
                    throw new IllegalArgumentException("allowedTopOrigins: not an origin (scheme://host[:port]): " + o);
                }
            }
            this.allowedTopOrigins = java.util.Set.copyOf(origins);
            return this;
        }

        /**
         * @param urlTemplate the default registration link template for {@link Passkeys#sendRegistrationLink(PasskeyUser)}
         * @return this
         */
        public Builder registrationLinkTemplate(String urlTemplate) {
            try {
                RegistrationCodes.validateTemplate(urlTemplate);
            } catch (PasskeyException e) {
                throw new IllegalArgumentException("registrationLinkTemplate: " + e.getMessage(), e);
            }
            this.linkTemplate = Optional.of(urlTemplate);
            return this;
        }

        /**
         * @param notifier hands registration links to the host's mailer
         * @return this
         */
        public Builder registrationLinkNotifier(RegistrationLinkNotifier notifier) {
            this.notifier = Optional.of(Objects.requireNonNull(notifier, "registrationLinkNotifier"));
            return this;
        }

        /**
         * @param providerNames names of authenticator models by AAGUID, shown in lists (default:
         *     {@link ProviderNames#bundled()}, the community list of passkey providers; use
         *     {@link ProviderNames#none()} for none)
         * @return this
         */
        public Builder providerNames(ProviderNames providerNames) {
            this.providerNames = Objects.requireNonNull(providerNames, "providerNames");
            return this;
        }

        /**
         * @return the configured instance
         * @throws IllegalArgumentException or {@link NullPointerException} naming the field that is
         *     missing or wrong
         */
        public Passkeys build() {
            Objects.requireNonNull(store, "store is required");
            if (relyingParties.isEmpty()) {
                throw new IllegalArgumentException("relyingParty is required: at least one");
            }
            if (attestationPolicy.requireTrusted() && attestation == AttestationConveyance.NONE) {
                throw new IllegalArgumentException("attestationPolicy requires trusted attestation, but attestation(NONE) "
                        + "asks browsers to remove it: use DIRECT or ENTERPRISE");
            }
            if (ids == null) {
                ids = IdGenerator.random();
            }
            return new Passkeys(this);
        }
    }
}
