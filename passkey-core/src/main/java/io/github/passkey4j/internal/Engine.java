package io.github.passkey4j.internal;

import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import io.github.passkey4j.AttestationPolicy;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Yubico's engine, one immutable {@link RelyingParty} per configured RP id, built once.
 *
 * <p>The engine asks a {@link CredentialRepository} for stored credentials. The library has already
 * read what a ceremony needs before it calls the engine, so the repository here answers from that
 * read (held for the duration of one call on the calling thread) instead of asking the store again:
 * a sign-in costs no extra round trip. Registration asks whether a credential id exists; the answer
 * is always "no" here, because the store's unique key decides that atomically at insert time.
 */
public final class Engine {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Engine.class);

    private final Map<String, Rp> relyingParties;
    private final String defaultRpId;
    private final Attestations attestations;
    private static final ThreadLocal<StoredPasskey> CURRENT = new ThreadLocal<>();

    /**
     * One relying party: the host's configuration and the engine built from it.
     *
     * @param config the configuration
     * @param engine Yubico's relying party
     */
    public record Rp(RelyingPartyConfig config, RelyingParty engine) {

        /** @return the SHA-256 of the RP id, which the authenticator data must carry */
        byte[] rpIdHash() {
            byte[] hash = RP_ID_HASHES.get(config.id());
            if (hash != null) {
                return hash;
            }
            hash = ClientChecks.sha256(config.id());
            if (RP_ID_HASHES.size() < MAX_CACHED) {
                RP_ID_HASHES.put(config.id(), hash);
            }
            return hash;
        }
    }

    /** The most RP id hashes, and engines of resolved tenants, kept. */
    private static final int MAX_CACHED = 4096;

    /** SHA-256 of each configured RP id, computed once. */
    private static final Map<String, byte[]> RP_ID_HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param configs the relying parties; the first is the default
     * @param clock the clock the engine checks attestation certificates with
     * @param attestationPolicy what to trust and accept; the engine derives trust from its roots and
     *     accepts untrusted attestation, and {@link Attestations#check} then applies the policy
     * @param checkBackupEligibility whether the engine is told each passkey's registered BE flag, so
     *     that its own assertion step refuses a sign-in whose BE differs
     * @throws IllegalArgumentException when an RP id is configured twice or the policy's metadata
     *     BLOB is refused
     */
    public Engine(List<RelyingPartyConfig> configs, Clock clock, AttestationPolicy attestationPolicy,
            boolean checkBackupEligibility) {
        this(configs, null, clock, attestationPolicy, checkBackupEligibility);
    }

    /**
     * @param configs the relying parties; the first is the default
     * @param resolver the tenants beyond them, or null
     * @param clock the clock the engine checks attestation certificates with
     * @param attestationPolicy what to trust and accept
     * @param checkBackupEligibility whether the engine is told each passkey's registered BE flag
     */
    public Engine(List<RelyingPartyConfig> configs, io.github.passkey4j.RelyingPartyResolver resolver, Clock clock,
            AttestationPolicy attestationPolicy, boolean checkBackupEligibility) {
        this.attestations = new Attestations(attestationPolicy, clock);
        this.trustSource = attestations.trustSource();
        this.repository = new CallScopedRepository(checkBackupEligibility);
        this.clock = clock;
        this.resolver = resolver;
        Map<String, Rp> map = new LinkedHashMap<>();
        for (RelyingPartyConfig c : configs) {
            if (map.putIfAbsent(c.id(), build(c)) != null) {
                throw new IllegalArgumentException("relyingParty.id configured twice: " + c.id());
            }
        }
        this.relyingParties = Collections.unmodifiableMap(map);
        this.defaultRpId = configs.get(0).id();
    }

    private final Optional<AttestationTrustSource> trustSource;
    private final CredentialRepository repository;
    private final Clock clock;
    private final io.github.passkey4j.RelyingPartyResolver resolver;
    /** The engines built for tenants the resolver named, by RP id. */
    private final Map<String, Rp> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private Rp build(RelyingPartyConfig c) {
        RelyingParty engine = RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(c.id()).name(c.name()).build())
                .credentialRepository(repository)
                .origins(c.allowedOrigins())
                .allowOriginPort(false)
                .allowOriginSubdomain(false)
                .attestationTrustSource(trustSource)
                .allowUntrustedAttestation(true)
                .validateSignatureCounter(false)
                .clock(clock)
                .build();
        return new Rp(c, engine);
    }

    /**
     * Asks the resolver for a tenant no configured relying party matches, checks its answer, and keeps
     * the engine built for it (rebuilt when the answer changes).
     */
    private Optional<Rp> resolve(Optional<String> rpId, Optional<String> origin) {
        if (resolver == null) {
            return Optional.empty();
        }
        Optional<RelyingPartyConfig> answer;
        try {
            answer = resolver.resolve(rpId, origin);
        } catch (IllegalArgumentException e) {
            // the RP id and origin come from the browser: a configuration the resolver cannot make of them is
            // no tenant, never a server error
            LOG.warn("the relying party resolver refused RP id {} / origin {}: {}", rpId.map(Engine::safeOrigin).orElse("-"),
                    origin.map(Engine::safeOrigin).orElse("-"), e.getMessage());
            return Optional.empty();
        }
        if (answer == null || answer.isEmpty()) {
            return Optional.empty();
        }
        RelyingPartyConfig config = answer.get();
        if (rpId.isPresent() && !rpId.get().equals(config.id())) {
            LOG.warn("the relying party resolver answered RP id {} for {}; refused", safeOrigin(config.id()),
                    safeOrigin(rpId.get()));
            return Optional.empty();
        }
        if (relyingParties.containsKey(config.id())) {
            // a configured relying party is never redefined by the resolver
            return Optional.of(relyingParties.get(config.id()));
        }
        Rp kept = resolved.get(config.id());
        if (kept != null && kept.config().equals(config)) {
            return Optional.of(kept);
        }
        if (resolved.size() >= MAX_CACHED) {
            resolved.clear();
        }
        Rp built = build(config);
        resolved.put(config.id(), built);
        return Optional.of(built);
    }

    /**
     * @param rpId a requested RP id, or empty for the default
     * @return the relying party
     * @throws PasskeyException INVALID_ARGUMENT when the RP id is not configured
     */
    /**
     * The relying party of a ceremony: the one of the RP id when given; else the one whose origins
     * hold the origin when given (a host with one relying party per tenant passes the request's
     * origin only); else the default one. A given origin must be one of the chosen RP's.
     *
     * @param rpId the requested RP id, if any
     * @param origin the origin the ceremony is begun for, if any
     * @return the relying party
     */
    public Rp relyingParty(Optional<String> rpId, Optional<String> origin) {
        if (origin.isEmpty()) {
            return relyingParty(rpId);
        }
        String o = origin.get();
        Rp rp;
        if (rpId.isPresent()) {
            rp = Optional.ofNullable(relyingParties.get(rpId.get())).or(() -> resolve(rpId, origin))
                    .orElseThrow(() -> notAllowed(rpId.get()));
        } else {
            rp = relyingParties.values().stream()
                    .filter(r -> r.config().allowedOrigins().contains(o)).findFirst()
                    .or(() -> resolve(rpId, origin))
                    .orElseThrow(() -> new PasskeyException(ErrorReason.ORIGIN_NOT_ALLOWED, "the origin " + safeOrigin(o)
                            + " is not one of the configured relying parties'"));
        }
        if (!rp.config().allowedOrigins().contains(o)) {
            throw new PasskeyException(ErrorReason.ORIGIN_NOT_ALLOWED, "the origin " + safeOrigin(o)
                    + " is not allowed for " + rp.config().id());
        }
        return rp;
    }

    private static String safeOrigin(String origin) {
        String cut = origin.length() > 100 ? origin.substring(0, 100) + "..." : origin;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /**
     * @param rpId the requested RP id, or empty for the default one
     * @return the relying party
     */
    public Rp relyingParty(Optional<String> rpId) {
        Rp rp = relyingParties.get(rpId.orElse(defaultRpId));
        if (rp == null) {
            return resolve(rpId, Optional.empty()).orElseThrow(() -> notAllowed(rpId.orElse("")));
        }
        return rp;
    }

    private static PasskeyException notAllowed(String rpId) {
        return new PasskeyException(ErrorReason.RP_ID_NOT_ALLOWED, "the domain '" + safeOrigin(rpId)
                + "' is not one of the configured relying parties");
    }

    /** @return the attestation policy at work */
    public Attestations attestations() {
        return attestations;
    }

    /**
     * Runs an engine call that may look up {@code passkey}, the only credential it can see.
     *
     * @param passkey the passkey the call is about
     * @param call the engine call
     * @return its result
     */
    public static <T> T withCredential(StoredPasskey passkey, Supplier<T> call) {
        CURRENT.set(passkey);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** Answers the engine from the passkey of the current call. */
    private static final class CallScopedRepository implements CredentialRepository {

        private final boolean checkBackupEligibility;

        CallScopedRepository(boolean checkBackupEligibility) {
            this.checkBackupEligibility = checkBackupEligibility;
        }

        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
            StoredPasskey p = CURRENT.get();
            if (p == null || !p.userId().equals(username)) {
                return Set.of();
            }
            return Set.of(PublicKeyCredentialDescriptor.builder().id(new ByteArray(p.credentialId().toArray())).build());
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String username) {
            StoredPasskey p = CURRENT.get();
            return p != null && p.userId().equals(username)
                    ? Optional.of(new ByteArray(p.userHandle().toArray())) : Optional.empty();
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
            StoredPasskey p = CURRENT.get();
            return p != null && p.userHandle().equals(io.github.passkey4j.store.Bytes.of(userHandle.getBytes()))
                    ? Optional.of(p.userId()) : Optional.empty();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
            StoredPasskey p = CURRENT.get();
            if (p == null || !p.credentialId().equals(io.github.passkey4j.store.Bytes.of(credentialId.getBytes()))
                    || !p.userHandle().equals(io.github.passkey4j.store.Bytes.of(userHandle.getBytes()))) {
                return Optional.empty();
            }
            RegisteredCredential.RegisteredCredentialBuilder credential = RegisteredCredential.builder()
                    .credentialId(credentialId)
                    .userHandle(userHandle)
                    .publicKeyCose(new ByteArray(p.publicKeyCose().toArray()))
                    .signatureCount(p.signCount());
            if (checkBackupEligibility) {
                credential.backupEligible(p.backupEligible()).backupState(p.backedUp());
            }
            return Optional.of(credential.build());
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
            return Set.of();
        }
    }
}
