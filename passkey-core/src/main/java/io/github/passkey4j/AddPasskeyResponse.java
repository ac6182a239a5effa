package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The answer to "Add passkey" in the shape of ZITADEL's Auth API v1: serialized with Jackson it is
 * {@code {"key": {"id": "...", "publicKey": "<standard base64 of {\"publicKey\": {...}}>"},
 * "details": {...}}}. {@link #toV2()} gives the User Service v2 shape.
 *
 * @param key the new passkey's id and its creation options
 * @param details the user's sequence and the time of the manipulation
 * @param creationOptionsJson the creation options as JSON, {@code {"publicKey": {...}}} in WebAuthn
 *     Level 3 JSON (binary fields base64url without padding), for
 *     {@code PublicKeyCredential.parseCreationOptionsFromJSON(json.publicKey)}
 */
@JsonPropertyOrder({"key", "details"})
public record AddPasskeyResponse(Key key, Details details, @JsonIgnore String creationOptionsJson) {

    /**
     * Validates the components.
     *
     * @param key the new passkey's id and its creation options
     * @param details the user's sequence and the time of the manipulation
     * @param creationOptionsJson the creation options as JSON, {@code {"publicKey": {...}}} in WebAuthn
     *     Level 3 JSON (binary fields base64url without padding), for
     *     {@code PublicKeyCredential.parseCreationOptionsFromJSON(json.publicKey)}
     */
    public AddPasskeyResponse {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(creationOptionsJson, "creationOptionsJson");
    }

    /**
     * Creates the response.
     *
     * @param passkeyId the new passkey's id
     * @param creationOptionsJson the options, {@code {"publicKey": {...}}}
     * @param details the details
     * @return the response
     */
    public static AddPasskeyResponse of(String passkeyId, String creationOptionsJson, Details details) {
        String encoded = Base64.getEncoder().encodeToString(creationOptionsJson.getBytes(StandardCharsets.UTF_8));
        return new AddPasskeyResponse(new Key(passkeyId, encoded), details, creationOptionsJson);
    }

    /**
     * The {@code key} object.
     *
     * @param id the new passkey's id
     * @param publicKey standard base64 (with padding) of the UTF-8 JSON {@code {"publicKey": {...}}}
     */
    @JsonPropertyOrder({"id", "publicKey"})
    public record Key(String id, String publicKey) {
        /**
         * Validates the components.
         *
         * @param id the new passkey's id
         * @param publicKey standard base64 (with padding) of the UTF-8 JSON {@code {"publicKey": {...}}}
         */
        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /** @return the new passkey's id, which the browser's answer is verified against */
    @JsonIgnore
    public String passkeyId() {
        return key.id();
    }

    /** @return the same response in the User Service v2 shape */
    public RegisterPasskeyResponse toV2() {
        return new RegisterPasskeyResponse(details, key.id(), creationOptionsJson);
    }
}
