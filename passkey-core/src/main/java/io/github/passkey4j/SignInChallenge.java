package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.Objects;

/**
 * A begun sign-in: hand {@link #publicKeyCredentialRequestOptions()} to the browser
 * ({@code navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json.publicKey)})}),
 * then call {@link Passkeys#finishSignIn} with the ceremony id and the browser's answer.
 *
 * @param ceremonyId the id to finish the sign-in with
 * @param publicKeyCredentialRequestOptions {@code {"publicKey": {...}}} in WebAuthn Level 3 JSON
 *     (written raw into JSON); {@code allowCredentials} is {@code []} for a usernameless sign-in
 * @param expiresAt when the server stops accepting the answer
 */
@JsonPropertyOrder({"ceremonyId", "publicKeyCredentialRequestOptions"})
public record SignInChallenge(String ceremonyId, @JsonRawValue String publicKeyCredentialRequestOptions,
        @JsonIgnore Instant expiresAt) {

    /**
     * Validates the components.
     *
     * @param ceremonyId the id to finish the sign-in with
     * @param publicKeyCredentialRequestOptions {@code {"publicKey": {...}}} in WebAuthn Level 3 JSON
     *     (written raw into JSON); {@code allowCredentials} is {@code []} for a usernameless sign-in
     * @param expiresAt when the server stops accepting the answer
     */
    public SignInChallenge {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(publicKeyCredentialRequestOptions, "publicKeyCredentialRequestOptions");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
