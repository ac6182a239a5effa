package io.github.passkey4j;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The signed-in user of the host application, as the host knows it.
 *
 * @param id the user's id; its UTF-8 bytes (at most 64) become the WebAuthn user handle
 * @param loginName the name the user signs in with, shown by the authenticator
 * @param displayName the user's name for display, shown by the authenticator
 * @param resourceOwner the organisation (tenant) that owns the user
 */
public record PasskeyUser(String id, String loginName, String displayName, String resourceOwner) {

    /** The largest WebAuthn user handle, in bytes. */
    public static final int MAX_USER_HANDLE_BYTES = 64;

    /**
     * Validates the components.  @throws PasskeyException INVALID_ARGUMENT when a component is missing, blank, or the id is longer than 64 UTF-8 bytes
     *
     * @param id the user's id; its UTF-8 bytes (at most 64) become the WebAuthn user handle
     * @param loginName the name the user signs in with, shown by the authenticator
     * @param displayName the user's name for display, shown by the authenticator
     * @param resourceOwner the organisation (tenant) that owns the user
     */
    public PasskeyUser {
        id = require(id, "id");
        loginName = require(loginName, "loginName");
        displayName = require(displayName, "displayName");
        resourceOwner = require(resourceOwner, "resourceOwner");
        if (id.getBytes(StandardCharsets.UTF_8).length > MAX_USER_HANDLE_BYTES) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the user id must have at most 64 bytes in UTF-8");
        }
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the user's " + field + " is required");
        }
        return value;
    }

    /**
     * A user whose login name is also its display name.
     *
     * @param id the user's id
     * @param loginName the login name
     * @param resourceOwner the organisation
     * @return the user
     */
    public static PasskeyUser of(String id, String loginName, String resourceOwner) {
        return new PasskeyUser(id, loginName, loginName, resourceOwner);
    }

    @Override
    public String toString() {
        return "PasskeyUser[id=" + id + ", resourceOwner=" + resourceOwner + "]";
    }

    static String requireUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID, "the user id is required");
        }
        return Objects.requireNonNull(userId);
    }
}
