package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Objects;

/**
 * "Add passkey" in the shape of ZITADEL's User Service v2: {@code {"details": {...}, "passkeyId":
 * "...", "publicKeyCredentialCreationOptions": {"publicKey": {...}}}}.
 *
 * @param details the user's sequence and the time of the manipulation
 * @param passkeyId the new passkey's id
 * @param publicKeyCredentialCreationOptions the creation options as a JSON object (written raw)
 */
@JsonPropertyOrder({"details", "passkeyId", "publicKeyCredentialCreationOptions"})
public record RegisterPasskeyResponse(Details details, String passkeyId,
        @JsonRawValue String publicKeyCredentialCreationOptions) {

    /**
     * Validates the components.
     *
     * @param details the user's sequence and the time of the manipulation
     * @param passkeyId the new passkey's id
     * @param publicKeyCredentialCreationOptions the creation options as a JSON object (written raw)
     */
    public RegisterPasskeyResponse {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(passkeyId, "passkeyId");
        Objects.requireNonNull(publicKeyCredentialCreationOptions, "publicKeyCredentialCreationOptions");
    }
}
