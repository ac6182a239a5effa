package io.github.passkey4j.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A passkey as the store keeps it.
 *
 * @param id the passkey id: a decimal string, unique
 * @param userId the owner
 * @param resourceOwner the organisation that owns the user
 * @param rpId the relying party id the credential is scoped to
 * @param credentialId the credential id the authenticator chose; unique across all users
 * @param userHandle the WebAuthn user handle given at registration (UTF-8 of the user id)
 * @param publicKeyCose the credential public key, COSE encoded
 * @param signCount the authenticator's signature counter as last seen (0 to 2^32-1)
 * @param aaguid the authenticator model, all zeros when the authenticator sent none
 * @param transports the transports the browser reported, in its order
 * @param backupEligible the BE flag: the credential may be synced
 * @param backedUp the BS flag of the latest ceremony: the credential is synced
 * @param userVerified whether the registration was user verified
 * @param attestationFormat the attestation statement format ({@code none}, {@code packed}, ...)
 * @param attestationTrusted whether the attestation chained to a trusted root
 * @param name the name the user gave it
 * @param state ready or removed
 * @param possiblyCloned set when a signature counter went backwards and the policy accepted it
 * @param createdAt when the registration was verified
 * @param changedAt when it last changed (verified, renamed, removed, signed in)
 * @param lastUsedAt when it last signed in, empty until then
 * @param extensions what the browser's client extensions reported at registration
 */
public record StoredPasskey(
        String id,
        String userId,
        String resourceOwner,
        String rpId,
        Bytes credentialId,
        Bytes userHandle,
        Bytes publicKeyCose,
        long signCount,
        UUID aaguid,
        List<String> transports,
        boolean backupEligible,
        boolean backedUp,
        boolean userVerified,
        String attestationFormat,
        boolean attestationTrusted,
        String name,
        PasskeyState state,
        boolean possiblyCloned,
        Instant createdAt,
        Instant changedAt,
        Optional<Instant> lastUsedAt,
        PasskeyExtensions extensions) {

    /** The largest value of a WebAuthn signature counter (unsigned 32 bits). */
    public static final long MAX_SIGN_COUNT = 0xFFFF_FFFFL;

    /**
     * Validates the components and copies the transports.
     *
     * @param id the passkey id: a decimal string, unique
     * @param userId the owner
     * @param resourceOwner the organisation that owns the user
     * @param rpId the relying party id the credential is scoped to
     * @param credentialId the credential id the authenticator chose; unique across all users
     * @param userHandle the WebAuthn user handle given at registration (UTF-8 of the user id)
     * @param publicKeyCose the credential public key, COSE encoded
     * @param signCount the authenticator's signature counter as last seen (0 to 2^32-1)
     * @param aaguid the authenticator model, all zeros when the authenticator sent none
     * @param transports the transports the browser reported, in its order
     * @param backupEligible the BE flag: the credential may be synced
     * @param backedUp the BS flag of the latest ceremony: the credential is synced
     * @param userVerified whether the registration was user verified
     * @param attestationFormat the attestation statement format ({@code none}, {@code packed}, ...)
     * @param attestationTrusted whether the attestation chained to a trusted root
     * @param name the name the user gave it
     * @param state ready or removed
     * @param possiblyCloned set when a signature counter went backwards and the policy accepted it
     * @param createdAt when the registration was verified
     * @param changedAt when it last changed (verified, renamed, removed, signed in)
     * @param lastUsedAt when it last signed in, empty until then
     * @param extensions what the browser's client extensions reported at registration
     */
    public StoredPasskey {
        requireText(id, "id");
        requireText(userId, "userId");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        requireText(rpId, "rpId");
        Objects.requireNonNull(credentialId, "credentialId");
        if (credentialId.isEmpty()) {
            throw new IllegalArgumentException("credentialId must not be empty");
        }
        Objects.requireNonNull(userHandle, "userHandle");
        Objects.requireNonNull(publicKeyCose, "publicKeyCose");
        if (signCount < 0 || signCount > MAX_SIGN_COUNT) {
            throw new IllegalArgumentException("signCount out of range: " + signCount);
        }
        Objects.requireNonNull(aaguid, "aaguid");
        transports = List.copyOf(transports);
        Objects.requireNonNull(attestationFormat, "attestationFormat");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(extensions, "extensions");
    }

    /**
     * A passkey without extension results (as every one stored before schema version 3).
     *
     * @param id the passkey id
     * @param userId the owner
     * @param resourceOwner the organisation that owns the user
     * @param rpId the relying party id
     * @param credentialId the credential id
     * @param userHandle the WebAuthn user handle
     * @param publicKeyCose the credential public key, COSE encoded
     * @param signCount the signature counter
     * @param aaguid the authenticator model
     * @param transports the transports
     * @param backupEligible the BE flag
     * @param backedUp the BS flag
     * @param userVerified whether the registration was user verified
     * @param attestationFormat the attestation statement format
     * @param attestationTrusted whether the attestation chained to a trusted root
     * @param name the name
     * @param state ready or removed
     * @param possiblyCloned whether it is flagged as possibly cloned
     * @param createdAt when the registration was verified
     * @param changedAt when it last changed
     * @param lastUsedAt when it last signed in
     */
    public StoredPasskey(String id, String userId, String resourceOwner, String rpId, Bytes credentialId,
            Bytes userHandle, Bytes publicKeyCose, long signCount, UUID aaguid, List<String> transports,
            boolean backupEligible, boolean backedUp, boolean userVerified, String attestationFormat,
            boolean attestationTrusted, String name, PasskeyState state, boolean possiblyCloned, Instant createdAt,
            Instant changedAt, Optional<Instant> lastUsedAt) {
        this(id, userId, resourceOwner, rpId, credentialId, userHandle, publicKeyCose, signCount, aaguid, transports,
                backupEligible, backedUp, userVerified, attestationFormat, attestationTrusted, name, state,
                possiblyCloned, createdAt, changedAt, lastUsedAt, PasskeyExtensions.NONE);
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }

    /**
     * @param newName the new name
     * @param at when it was renamed
     * @return this passkey renamed
     */
    public StoredPasskey renamed(String newName, Instant at) {
        return new StoredPasskey(id, userId, resourceOwner, rpId, credentialId, userHandle, publicKeyCose, signCount,
                aaguid, transports, backupEligible, backedUp, userVerified, attestationFormat, attestationTrusted,
                newName, state, possiblyCloned, createdAt, at, lastUsedAt, extensions);
    }

    /**
     * @param at when it was removed
     * @return this passkey removed
     */
    public StoredPasskey removed(Instant at) {
        return new StoredPasskey(id, userId, resourceOwner, rpId, credentialId, userHandle, publicKeyCose, signCount,
                aaguid, transports, backupEligible, backedUp, userVerified, attestationFormat, attestationTrusted,
                name, PasskeyState.REMOVED, possiblyCloned, createdAt, at, lastUsedAt, extensions);
    }

    /**
     * @param update what a sign-in changed
     * @return this passkey after the sign-in
     */
    public StoredPasskey signedIn(SignInUpdate update) {
        return new StoredPasskey(id, userId, resourceOwner, rpId, credentialId, userHandle, publicKeyCose,
                update.newSignCount(), aaguid, transports, update.backupEligible(), update.backedUp(), userVerified,
                attestationFormat, attestationTrusted, name, state, possiblyCloned || update.flagPossiblyCloned(),
                createdAt, update.time(), Optional.of(update.time()), extensions);
    }

    /** @return whether it is ready (listed, usable) */
    public boolean isReady() {
        return state == PasskeyState.READY;
    }
}
