package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the page should pass to the browser's Signal API (WebAuthn Level 3,
 * {@code PublicKeyCredential.signalAllAcceptedCredentials} and {@code signalCurrentUserDetails})
 * so that passkey providers forget removed passkeys and show current names. Binary values are
 * base64url without padding; {@code userId} is the user handle ({@code user.id} of the creation
 * options), not the host's user id. Serialises as {@code shared/API.md} shows, members that are
 * absent left out.
 *
 * @param allAcceptedCredentials the user's passkeys the server still accepts, or null
 * @param currentUserDetails the user's current names, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"allAcceptedCredentials", "currentUserDetails"})
public record Signals(AllAcceptedCredentials allAcceptedCredentials, CurrentUserDetails currentUserDetails) {

    /** No signal. */
    public static final Signals NONE = new Signals(null, null);

    /** @return the accepted credentials signal, when there is one */
    public Optional<AllAcceptedCredentials> allAccepted() {
        return Optional.ofNullable(allAcceptedCredentials);
    }

    /** @return the user details signal, when there is one */
    public Optional<CurrentUserDetails> currentUser() {
        return Optional.ofNullable(currentUserDetails);
    }

    /**
     * {@code signalAllAcceptedCredentials}: every credential id of this user handle on this RP id
     * that the server accepts; providers may hide or delete the user's others.
     *
     * @param rpId the RP id
     * @param userId the user handle, base64url
     * @param allAcceptedCredentialIds the accepted credential ids, base64url
     */
    @JsonPropertyOrder({"rpId", "userId", "allAcceptedCredentialIds"})
    public record AllAcceptedCredentials(String rpId, String userId, List<String> allAcceptedCredentialIds) {
        /**
         * Checks the components.
         *
         * @param rpId the RP id
         * @param userId the user handle, base64url
         * @param allAcceptedCredentialIds the accepted credential ids, base64url
         */
        public AllAcceptedCredentials {
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(userId, "userId");
            allAcceptedCredentialIds = List.copyOf(allAcceptedCredentialIds);
        }
    }

    /**
     * {@code signalCurrentUserDetails}: the names providers should show for this user handle.
     *
     * @param rpId the RP id
     * @param userId the user handle, base64url
     * @param name the login name
     * @param displayName the display name
     */
    @JsonPropertyOrder({"rpId", "userId", "name", "displayName"})
    public record CurrentUserDetails(String rpId, String userId, String name, String displayName) {
        /**
         * Checks the components.
         *
         * @param rpId the RP id
         * @param userId the user handle, base64url
         * @param name the login name
         * @param displayName the display name
         */
        public CurrentUserDetails {
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    /**
     * {@code signalUnknownCredential}: a credential the server does not accept (never registered,
     * or removed); the provider may delete it. Carried by the {@link PasskeyException} of such a
     * sign-in ({@link PasskeyException#unknownCredentialSignal()}).
     *
     * @param rpId the RP id
     * @param credentialId the credential id, base64url
     */
    @JsonPropertyOrder({"rpId", "credentialId"})
    public record UnknownCredential(String rpId, String credentialId) {
        /**
         * Checks the components.
         *
         * @param rpId the RP id
         * @param credentialId the credential id, base64url
         */
        public UnknownCredential {
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(credentialId, "credentialId");
        }
    }
}
