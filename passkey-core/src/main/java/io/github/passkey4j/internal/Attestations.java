package io.github.passkey4j.internal;

import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.attestation.AttestationTrustSource;
import com.yubico.webauthn.data.AttestationObject;
import com.yubico.webauthn.data.ByteArray;
import io.github.passkey4j.AttestationPolicy;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attestation policy at work: the trust source the engine derives trust with, and the decision,
 * after the engine verified a registration and before anything is stored, whether the passkey's
 * attestation is acceptable.
 *
 * <p>The engine is always told to accept untrusted attestation and to report whether it trusted it;
 * this class then applies the policy, so that every format is treated alike, including
 * {@code android-key}, which Yubico's engine 2.9 does not verify at all and which is verified here.
 */
public final class Attestations {

    private static final Logger LOG = LoggerFactory.getLogger(Attestations.class);
    private static final UUID ZERO = new UUID(0, 0);

    private final AttestationPolicy policy;
    private final Clock clock;
    private final Optional<AttestationTrustSource> trustSource;

    /**
     * @param policy the host's policy
     * @param clock the time certificate chains must be valid at
     * @throws IllegalArgumentException when the policy's metadata BLOB is refused
     */
    public Attestations(AttestationPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        if (policy.hasTrustSource()) {
            Optional<FidoMetadataService> mds = policy.metadataBlob().map(b -> MetadataBlobs.load(b, clock));
            this.trustSource = Optional.of(new TrustSource(Set.copyOf(policy.trustAnchors()), mds, clock));
        } else {
            this.trustSource = Optional.empty();
        }
    }

    /** @return whether an unregistered attestation format is treated as "none" instead of refused */
    public boolean unknownFormatsAsNone() {
        return policy.unknownFormatsAsNone();
    }

    /** @return what the engine derives attestation trust from; empty when nothing is trusted */
    public Optional<AttestationTrustSource> trustSource() {
        return trustSource;
    }

    /**
     * Applies the policy to a registration the engine has verified.
     *
     * @param attestation the attestation object
     * @param clientDataJson the client data JSON the authenticator signed
     * @param result the engine's result
     * @param aaguid the authenticator model
     * @return whether the attestation chains to a trusted root
     * @throws PasskeyException ATTESTATION_INVALID when an {@code android-key} statement does not
     *     verify, ATTESTATION_NOT_TRUSTED when the policy refuses the passkey
     */
    public boolean check(AttestationObject attestation, ByteArray clientDataJson, RegistrationResult result, UUID aaguid) {
        String format = attestation.getFormat(); // as the library handed it to the engine
        boolean trusted;
        if ("android-key".equals(format)) {
            trusted = androidKey(attestation, clientDataJson, result);
        } else {
            trusted = result.isAttestationTrusted();
        }
        return apply(format, trusted, aaguid);
    }

    /**
     * Applies the policy to a verified registration: the AAGUID allow and deny lists, and whether
     * trusted attestation is required.
     *
     * @param format the attestation format that was verified
     * @param trusted whether the attestation chains to a trusted root
     * @param aaguid the authenticator model
     * @return {@code trusted}
     * @throws PasskeyException ATTESTATION_NOT_TRUSTED when the policy refuses the passkey
     */
    public boolean apply(String format, boolean trusted, UUID aaguid) {
        if (policy.deniedAaguids().contains(aaguid)) {
            throw new PasskeyException(ErrorReason.ATTESTATION_NOT_TRUSTED,
                    "this authenticator model (AAGUID " + aaguid + ") is not allowed");
        }
        if (policy.allowedAaguids().isPresent() && !policy.allowedAaguids().get().contains(aaguid)) {
            throw new PasskeyException(ErrorReason.ATTESTATION_NOT_TRUSTED,
                    "this authenticator model (AAGUID " + aaguid + ") is not among the allowed ones");
        }
        if (policy.requireTrusted() && !trusted) {
            throw new PasskeyException(ErrorReason.ATTESTATION_NOT_TRUSTED, "this authenticator's attestation ("
                    + format + ") does not chain to a trusted root, and trusted attestation is required");
        }
        LOG.debug("attestation {} of AAGUID {}: trusted={}", format, aaguid, trusted);
        return trusted;
    }

    /**
     * Whether a certificate chain the library verified itself chains to a trusted root, decided as the
     * engine decides it for the statements it verifies: the configured anchors and the metadata BLOB's
     * roots for the AAGUID, PKIX at the clock's time, offline.
     *
     * @param chain the statement's chain, leaf first, as sent
     * @param aaguid the authenticator model (the zero AAGUID finds roots by certificate only)
     * @return whether it is trusted
     */
    public boolean chainTrusted(List<X509Certificate> chain, UUID aaguid) {
        if (trustSource.isEmpty()) {
            return false;
        }
        Optional<ByteArray> model = Optional.of(aaguid).filter(a -> !a.equals(ZERO)).map(a -> new ByteArray(
                java.nio.ByteBuffer.allocate(16).putLong(a.getMostSignificantBits()).putLong(a.getLeastSignificantBits()).array()));
        Set<X509Certificate> roots = ((TrustSource) trustSource.get()).candidates(chain, model);
        return validates(chain, roots, clock);
    }

    private boolean androidKey(AttestationObject attestation, ByteArray clientDataJson, RegistrationResult result) {
        PublicKey credentialKey;
        try {
            credentialKey = result.getParsedPublicKey();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PasskeyException(ErrorReason.CBOR_INVALID, "the credential public key cannot be decoded", e);
        }
        byte[] clientDataHash;
        try {
            clientDataHash = java.security.MessageDigest.getInstance("SHA-256").digest(clientDataJson.getBytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        List<X509Certificate> chain = AndroidKeyAttestation.verify(attestation, clientDataHash, credentialKey);
        if (trustSource.isEmpty()) {
            return false;
        }
        ByteArray aaguid = attestation.getAuthenticatorData().getAttestedCredentialData().orElseThrow().getAaguid();
        TrustSource source = (TrustSource) trustSource.get();
        Set<X509Certificate> roots = source.candidates(chain,
                Optional.of(aaguid).filter(a -> !Registrations.uuid(a).equals(ZERO)));
        // Android sends its chain up to and including Google's root: validate the path below the root
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(roots::contains);
        return validates(path, roots, clock);
    }

    /** PKIX validation of a path, leaf first, to one of the roots at the clock's time; offline. */
    private static boolean validates(List<X509Certificate> path, Set<X509Certificate> roots, Clock clock) {
        if (roots.isEmpty() || path.isEmpty()) {
            return false;
        }
        try {
            PKIXParameters params = new PKIXParameters(
                    roots.stream().map(r -> new TrustAnchor(r, null)).collect(Collectors.toSet()));
            params.setDate(Date.from(clock.instant()));
            params.setRevocationEnabled(false);
            params.setPolicyQualifiersRejected(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return true;
        } catch (GeneralSecurityException e) {
            LOG.debug("attestation chain not trusted ({})", e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * The roots the host trusts, for any authenticator: the configured anchors and, per AAGUID or
     * attestation key, the metadata BLOB's. Revocation is not checked (that would need the network).
     *
     * <p>The engine logs the whole attestation object (credential id and public key included) at INFO
     * when its path validation fails. So the chain is validated here first, with the same parameters,
     * and a chain that does not validate gets no roots: the engine then reports it untrusted without
     * logging. A chain that validates here is validated again by the engine, whose verdict is the one
     * recorded.
     */
    private static final class TrustSource implements AttestationTrustSource {
        private final Set<X509Certificate> anchors;
        private final Optional<FidoMetadataService> metadata;
        private final Clock clock;

        TrustSource(Set<X509Certificate> anchors, Optional<FidoMetadataService> metadata, Clock clock) {
            this.anchors = anchors;
            this.metadata = metadata;
            this.clock = clock;
        }

        Set<X509Certificate> candidates(List<X509Certificate> chain, Optional<ByteArray> aaguid) {
            Set<X509Certificate> roots = new LinkedHashSet<>(anchors);
            metadata.ifPresent(m -> roots.addAll(m.findTrustRoots(chain, aaguid).getTrustRoots()));
            return roots;
        }

        @Override
        public TrustRootsResult findTrustRoots(List<X509Certificate> chain, Optional<ByteArray> aaguid) {
            Set<X509Certificate> roots = candidates(chain, aaguid);
            if (!validates(chain, roots, clock)) {
                roots = Set.of();
            }
            return TrustRootsResult.builder()
                    .trustRoots(roots)
                    .enableRevocationChecking(false)
                    .policyTreeValidator(node -> true)
                    .build();
        }
    }
}
