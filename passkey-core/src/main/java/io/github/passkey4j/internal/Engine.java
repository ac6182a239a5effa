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
            return RP_ID_HASHES.computeIfAbsent(config.id(), ClientChecks::sha256);
        }
    }

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
        this.attestations = new Attestations(attestationPolicy, clock);
        Optional<AttestationTrustSource> trustSource = attestations.trustSource();
        Map<String, Rp> map = new LinkedHashMap<>();
        CredentialRepository repository = new CallScopedRepository(checkBackupEligibility);
        for (RelyingPartyConfig c : configs) {
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
            if (map.putIfAbsent(c.id(), new Rp(c, engine)) != null) {
                throw new IllegalArgumentException("relyingParty.id configured twice: " + c.id());
            }
        }
        this.relyingParties = Collections.unmodifiableMap(map);
        this.defaultRpId = configs.get(0).id();
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
        Rp rp = rpId.isPresent() ? relyingParty(rpId) : relyingParties.values().stream()
                .filter(r -> r.config().allowedOrigins().contains(o)).findFirst()
                .orElseThrow(() -> new PasskeyException(ErrorReason.ORIGIN_NOT_ALLOWED, "the origin " + safeOrigin(o)
                        + " is not one of the configured relying parties'"));
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
            throw new PasskeyException(ErrorReason.RP_ID_NOT_ALLOWED, "the domain '" + rpId.orElse("")
                    + "' is not one of the configured relying parties");
        }
        return rp;
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
