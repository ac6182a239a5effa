package io.github.passkey4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the library makes of the attestation an authenticator sends when a passkey is added: which
 * roots it trusts, whether it refuses attestation it cannot trust, and which authenticator models
 * (AAGUIDs) it allows or refuses. Immutable; build one with {@link #builder()}.
 *
 * <p>The default, {@link #acceptAny()}, is what most sites need: every authenticator is accepted
 * (also one that sends no attestation at all, as password managers and synced passkeys do). The
 * attestation statement is still verified when there is one, and the passkey records its format,
 * whether it chained to a trusted root, and its AAGUID.
 *
 * <pre>{@code
 * AttestationPolicy onlyKnownKeys = AttestationPolicy.builder()
 *         .trustAnchors(rootsOfTheVendorsWeBuyFrom)
 *         .requireTrusted(true)
 *         .build();
 * Passkeys passkeys = Passkeys.builder()
 *         ...
 *         .attestation(AttestationConveyance.DIRECT)
 *         .attestationPolicy(onlyKnownKeys)
 *         .build();
 * }</pre>
 *
 * <p>Trust is decided offline: roots are given as certificates, or taken from a FIDO Metadata
 * Service BLOB read from a file (see {@link Builder#metadataBlob}); nothing is downloaded. Attestation
 * certificates are not checked for revocation (that would need the network).
 *
 * <p>An AAGUID is chosen by the authenticator; it proves the model only when the attestation is
 * trusted. Combine an allow list with {@link Builder#requireTrusted(boolean) requireTrusted(true)}
 * to enforce it; alone it is a filter against honest authenticators.
 */
public final class AttestationPolicy {

    private static final AttestationPolicy ACCEPT_ANY = new Builder().build();

    private final List<X509Certificate> trustAnchors;
    private final Optional<MetadataBlob> metadataBlob;
    private final boolean requireTrusted;
    private final Optional<Set<UUID>> allowedAaguids;
    private final Set<UUID> deniedAaguids;
    private final boolean unknownFormatsAsNone;

    private AttestationPolicy(Builder b) {
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.metadataBlob = b.metadataJwt == null ? Optional.empty()
                : Optional.of(new MetadataBlob(b.metadataJwt, b.metadataRoot, b.metadataCrls));
        this.requireTrusted = b.requireTrusted;
        this.allowedAaguids = b.allowed == null ? Optional.empty() : Optional.of(Set.copyOf(b.allowed));
        this.deniedAaguids = Set.copyOf(b.denied);
        this.unknownFormatsAsNone = b.unknownFormatsAsNone;
    }

    /**
     * A FIDO Metadata Service BLOB, as read from a file, and what verifies it.
     *
     * @param jwt the BLOB: a JWT in compact serialization, as the MDS serves it
     * @param signingRoot the root its signing chain must lead to (for the FIDO Alliance's MDS:
     *     GlobalSign Root CA - R3)
     * @param crls revocation lists for the signing chain; when empty, the chain is not checked for
     *     revocation
     */
    public record MetadataBlob(String jwt, X509Certificate signingRoot, List<X509CRL> crls) {

        /**
         * Validates the components and copies the CRLs.
         *
         * @param jwt the BLOB: a JWT in compact serialization, as the MDS serves it
         * @param signingRoot the root its signing chain must lead to (for the FIDO Alliance's MDS:
         *     GlobalSign Root CA - R3)
         * @param crls revocation lists for the signing chain; when empty, the chain is not checked for
         *     revocation
         */
        public MetadataBlob {
            Objects.requireNonNull(jwt, "attestationPolicy.metadataBlob");
            if (jwt.isBlank()) {
                throw new IllegalArgumentException("attestationPolicy.metadataBlob is empty");
            }
            Objects.requireNonNull(signingRoot, "attestationPolicy.metadataBlob signing root");
            crls = List.copyOf(crls);
        }

        @Override
        public String toString() {
            return "MetadataBlob[" + jwt.length() + " characters, root " + signingRoot.getSubjectX500Principal() + "]";
        }
    }

    /** @return the default: accept every authenticator, trust nothing */
    public static AttestationPolicy acceptAny() {
        return ACCEPT_ANY;
    }

    /** @return a builder, starting from "accept any" */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the root certificates attestation may chain to */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** @return the FIDO Metadata Service BLOB whose roots are trusted too, if any */
    public Optional<MetadataBlob> metadataBlob() {
        return metadataBlob;
    }

    /** @return whether a passkey whose attestation does not chain to a trusted root is refused */
    public boolean requireTrusted() {
        return requireTrusted;
    }

    /**
     * @return whether an attestation format that is not a registered one is treated as "none"
     *     instead of refused (see {@link Builder#treatUnknownFormatsAsNone})
     */
    public boolean unknownFormatsAsNone() {
        return unknownFormatsAsNone;
    }

    /** @return the only AAGUIDs accepted, when there is an allow list */
    public Optional<Set<UUID>> allowedAaguids() {
        return allowedAaguids;
    }

    /** @return the AAGUIDs refused */
    public Set<UUID> deniedAaguids() {
        return deniedAaguids;
    }

    /** @return whether anything can make an attestation trusted */
    public boolean hasTrustSource() {
        return !trustAnchors.isEmpty() || metadataBlob.isPresent();
    }

    @Override
    public String toString() {
        return "AttestationPolicy[trustAnchors=" + trustAnchors.size() + ", metadataBlob=" + metadataBlob.isPresent()
                + ", requireTrusted=" + requireTrusted + ", allowedAaguids=" + allowedAaguids.map(Set::size).orElse(-1)
                + ", deniedAaguids=" + deniedAaguids.size() + "]";
    }

    /** Builds an {@link AttestationPolicy}; fails fast, naming the field, when something is wrong. */
    public static final class Builder {
        private final Set<X509Certificate> trustAnchors = new LinkedHashSet<>();
        private String metadataJwt;
        private X509Certificate metadataRoot;
        private final List<X509CRL> metadataCrls = new ArrayList<>();
        private boolean requireTrusted;
        private Set<UUID> allowed;
        private final Set<UUID> denied = new LinkedHashSet<>();
        private boolean unknownFormatsAsNone;

        private Builder() {
        }

        /**
         * Trusts a root certificate (a vendor's attestation root, such as Yubico's, Apple's WebAuthn
         * root or one of Google's hardware attestation roots).
         *
         * @param root the root
         * @return this
         */
        public Builder trustAnchor(X509Certificate root) {
            trustAnchors.add(Objects.requireNonNull(root, "attestationPolicy.trustAnchor"));
            return this;
        }

        /**
         * @param roots root certificates to trust
         * @return this
         */
        public Builder trustAnchors(Collection<X509Certificate> roots) {
            Objects.requireNonNull(roots, "attestationPolicy.trustAnchors");
            roots.forEach(this::trustAnchor);
            return this;
        }

        /**
         * Trusts the attestation roots of a FIDO Metadata Service BLOB read from a file (download it
         * with the host's own tooling; the library never goes online). The BLOB's signature and its
         * signing chain are verified when {@link Passkeys} is built, at its clock's time; revoked
         * authenticators and compromised attestation keys listed in it are not trusted.
         *
         * @param blobFile the BLOB, a JWT as the MDS serves it
         * @param signingRoot the root of its signing chain (for the FIDO Alliance's MDS: GlobalSign
         *     Root CA - R3)
         * @return this
         * @throws UncheckedIOException when the file cannot be read
         */
        public Builder metadataBlob(Path blobFile, X509Certificate signingRoot) {
            Objects.requireNonNull(blobFile, "attestationPolicy.metadataBlob");
            String jwt;
            try {
                jwt = Files.readString(blobFile, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("attestationPolicy.metadataBlob: cannot read " + blobFile, e);
            }
            return metadataBlob(jwt, signingRoot);
        }

        /**
         * Like {@link #metadataBlob(Path, X509Certificate)}, with the BLOB already in memory.
         *
         * @param jwt the BLOB
         * @param signingRoot the root of its signing chain
         * @return this
         */
        public Builder metadataBlob(String jwt, X509Certificate signingRoot) {
            Objects.requireNonNull(jwt, "attestationPolicy.metadataBlob");
            if (jwt.isBlank()) {
                throw new IllegalArgumentException("attestationPolicy.metadataBlob is empty");
            }
            this.metadataJwt = jwt.trim();
            this.metadataRoot = Objects.requireNonNull(signingRoot, "attestationPolicy.metadataBlob signing root");
            return this;
        }

        /**
         * Revocation lists for the metadata BLOB's signing chain (fetch them with the BLOB). With
         * them, every certificate of the chain must be covered by one of them and not revoked (CRLs
         * only, never fetched); without them the signing chain is not checked for revocation.
         *
         * @param crls the CRLs
         * @return this
         */
        public Builder metadataCrls(Collection<X509CRL> crls) {
            Objects.requireNonNull(crls, "attestationPolicy.metadataCrls");
            crls.forEach(c -> metadataCrls.add(Objects.requireNonNull(c, "attestationPolicy.metadataCrls[]")));
            return this;
        }

        /**
         * @param require whether to refuse a passkey whose attestation does not chain to a trusted
         *     root (default false: accept any). Needs trust anchors or a metadata BLOB, and an
         *     attestation conveyance other than NONE.
         * @return this
         */
        public Builder requireTrusted(boolean require) {
            this.requireTrusted = require;
            return this;
        }

        /**
         * Accepts only these authenticator models. An authenticator without an AAGUID (a U2F security
         * key, or any authenticator whose attestation the browser removed) reports the all-zero
         * AAGUID; add {@code new UUID(0, 0)} to admit those.
         *
         * @param aaguids the AAGUIDs to accept
         * @return this
         */
        public Builder allowAaguids(Collection<UUID> aaguids) {
            Objects.requireNonNull(aaguids, "attestationPolicy.allowAaguids");
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            aaguids.forEach(a -> allowed.add(Objects.requireNonNull(a, "attestationPolicy.allowAaguids[]")));
            return this;
        }

        /**
         * Refuses these authenticator models.
         *
         * @param aaguids the AAGUIDs to refuse
         * @return this
         */
        public Builder denyAaguids(Collection<UUID> aaguids) {
            Objects.requireNonNull(aaguids, "attestationPolicy.denyAaguids");
            aaguids.forEach(a -> denied.add(Objects.requireNonNull(a, "attestationPolicy.denyAaguids[]")));
            return this;
        }

        /**
         * Treats an attestation format that is not one of the registered ones ({@code packed},
         * {@code tpm}, {@code android-key}, {@code android-safetynet}, {@code fido-u2f}, {@code apple},
         * {@code none}, spelled exactly) as {@code none}: its statement is ignored, the passkey is
         * untrusted and recorded with format {@code none}. Off by default: such a registration is
         * refused with {@link io.github.passkey4j.ErrorReason#ATTESTATION_FORMAT_UNSUPPORTED}.
         *
         * @param asNone whether to accept unknown formats as {@code none}
         * @return this
         */
        public Builder treatUnknownFormatsAsNone(boolean asNone) {
            this.unknownFormatsAsNone = asNone;
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException when trusted attestation is required but nothing can be
         *     trusted, when the allow list is empty, or when an AAGUID is both allowed and denied
         */
        public AttestationPolicy build() {
            if (metadataJwt == null && !metadataCrls.isEmpty()) {
                throw new IllegalArgumentException("attestationPolicy.metadataCrls given without a metadataBlob");
            }
            if (requireTrusted && trustAnchors.isEmpty() && metadataJwt == null) {
                throw new IllegalArgumentException(
                        "attestationPolicy.requireTrusted needs trustAnchors or a metadataBlob to trust");
            }
            if (allowed != null && allowed.isEmpty()) {
                throw new IllegalArgumentException("attestationPolicy.allowAaguids is empty: nothing could register");
            }
            if (allowed != null) {
                for (UUID a : denied) {
                    if (allowed.contains(a)) {
                        throw new IllegalArgumentException("attestationPolicy: AAGUID " + a + " is both allowed and denied");
                    }
                }
            }
            return new AttestationPolicy(this);
        }
    }
}
