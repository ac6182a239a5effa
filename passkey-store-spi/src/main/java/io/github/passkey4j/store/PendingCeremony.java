package io.github.passkey4j.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ceremony that was begun and not yet finished: the challenge handed to the browser and the
 * request it belongs to. Taking it is atomic and single use.
 *
 * @param id the ceremony id; for a registration, also the id the passkey gets
 * @param kind registration or authentication
 * @param userId the user it was begun for; empty for a usernameless sign-in
 * @param resourceOwner the user's organisation, where the user is known
 * @param rpId the relying party id of the request
 * @param challenge the challenge
 * @param requestJson the serialized request, needed to finish the ceremony
 * @param createdAt when it was begun
 * @param expiresAt from this instant on it can no longer be taken
 * @param codeId the registration code it was begun with, if any
 * @param origin the origin it was begun for, which alone may finish it; empty for ceremonies begun
 *     without one (and those stored before schema version 2), which any configured origin may finish
 */
public record PendingCeremony(
        String id,
        CeremonyKind kind,
        Optional<String> userId,
        Optional<String> resourceOwner,
        String rpId,
        Bytes challenge,
        String requestJson,
        Instant createdAt,
        Instant expiresAt,
        Optional<String> codeId,
        Optional<String> origin) {
    /**
     * Validates the components.
     *
     * @param id the ceremony id; for a registration, also the id the passkey gets
     * @param kind registration or authentication
     * @param userId the user it was begun for; empty for a usernameless sign-in
     * @param resourceOwner the user's organisation, where the user is known
     * @param rpId the relying party id of the request
     * @param challenge the challenge
     * @param requestJson the serialized request, needed to finish the ceremony
     * @param createdAt when it was begun
     * @param expiresAt from this instant on it can no longer be taken
     * @param codeId the registration code it was begun with, if any
     * @param origin the origin it was begun for, if one was given
     */
    public PendingCeremony {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("id must not be empty");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(requestJson, "requestJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(origin, "origin");
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("expiresAt must not be before createdAt");
        }
        if (kind == CeremonyKind.REGISTRATION && userId.isEmpty()) {
            throw new IllegalArgumentException("a registration needs a user");
        }
    }

    /**
     * A ceremony begun without an origin of its own: any configured origin may finish it.
     *
     * @param id the ceremony id; for a registration, also the id the passkey gets
     * @param kind registration or authentication
     * @param userId the user it was begun for; empty for a usernameless sign-in
     * @param resourceOwner the user's organisation, where the user is known
     * @param rpId the relying party id of the request
     * @param challenge the challenge
     * @param requestJson the serialized request, needed to finish the ceremony
     * @param createdAt when it was begun
     * @param expiresAt from this instant on it can no longer be taken
     * @param codeId the registration code it was begun with, if any
     */
    public PendingCeremony(String id, CeremonyKind kind, Optional<String> userId, Optional<String> resourceOwner,
            String rpId, Bytes challenge, String requestJson, Instant createdAt, Instant expiresAt,
            Optional<String> codeId) {
        this(id, kind, userId, resourceOwner, rpId, challenge, requestJson, createdAt, expiresAt, codeId,
                Optional.empty());
    }

    /**
     * @param now the current time
     * @return whether it can no longer be taken at {@code now}
     */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
