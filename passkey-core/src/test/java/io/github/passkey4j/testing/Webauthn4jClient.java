package io.github.passkey4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnModelAuthenticator;
import com.webauthn4j.test.client.ClientPlatform;

/**
 * An independent client nobody here wrote: webauthn4j-test's {@link ClientPlatform} with one of its
 * authenticator emulators, driven with the JSON the library hands out and answering with the JSON a
 * browser's {@code toJSON()} gives.
 */
public final class Webauthn4jClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectConverter converter = new ObjectConverter();
    private final ClientPlatform platform;

    /**
     * @param origin the origin the client claims
     * @param authenticator the emulator, e.g. {@code new PackedAuthenticator()}
     */
    public Webauthn4jClient(String origin, WebAuthnModelAuthenticator authenticator) {
        this.platform = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(authenticator));
    }

    /**
     * @param creationOptionsJson {@code {"publicKey": {...}}} as the library gives it
     * @return the credential JSON
     */
    public String create(String creationOptionsJson) {
        try {
            JsonNode publicKey = JSON.readTree(creationOptionsJson).get("publicKey");
            PublicKeyCredentialCreationOptions options = converter.getJsonConverter()
                    .readValue(JSON.writeValueAsString(publicKey), PublicKeyCredentialCreationOptions.class);
            PublicKeyCredential<?, ?> credential = platform.create(options);
            return converter.getJsonConverter().writeValueAsString(credential);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param requestOptionsJson {@code {"publicKey": {...}}} as the library gives it
     * @return the assertion JSON
     */
    public String get(String requestOptionsJson) {
        try {
            JsonNode publicKey = JSON.readTree(requestOptionsJson).get("publicKey");
            PublicKeyCredentialRequestOptions options = converter.getJsonConverter()
                    .readValue(JSON.writeValueAsString(publicKey), PublicKeyCredentialRequestOptions.class);
            PublicKeyCredential<?, ?> credential = platform.get(options);
            return converter.getJsonConverter().writeValueAsString(credential);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
