package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the browser's credential JSON ({@code PublicKeyCredential.toJSON()}) into the engine's types,
 * turning every kind of malformed input into its own {@link ErrorReason}, before any stored state is
 * looked at.
 *
 * <p>Lenient where real clients are sloppy: binary fields may be base64url or standard base64, with
 * or without padding; fields the engine does not know (such as {@code response.publicKey} or
 * {@code response.authenticatorData} in a registration) are dropped. Strict where it matters: one
 * JSON value per key (a duplicated key is refused), {@code id} equal to {@code rawId}, the right
 * ceremony type, and a size limit.
 */
public final class CredentialParser {

    /** The largest credential JSON accepted, in UTF-8 bytes. */
    public static final int MAX_CREDENTIAL_BYTES = 64 * 1024;

    private static final ObjectReader READER =
            Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final JavaType REGISTRATION_TYPE = Json.MAPPER.getTypeFactory().constructType(
            new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>>() {
            });
    private static final JavaType ASSERTION_TYPE = Json.MAPPER.getTypeFactory().constructType(
            new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>>() {
            });
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private CredentialParser() {
    }

    /**
     * A parsed registration response.
     *
     * @param credential the engine's credential
     * @param transports the transports the browser reported, in its order
     * @param clientData the decoded client data JSON
     */
    public record Registration(
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential,
            List<String> transports,
            ClientData clientData) {
    }

    /**
     * A parsed sign-in response.
     *
     * @param credential the engine's credential
     * @param clientData the decoded client data JSON
     */
    public record Assertion(
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            ClientData clientData) {
    }

    /**
     * The fields of the client data JSON the library checks itself.
     *
     * @param type {@code webauthn.create} or {@code webauthn.get}
     * @param challenge the challenge, decoded
     * @param origin the origin, after JSON decoding
     */
    public record ClientData(String type, Bytes challenge, String origin) {
    }

    /**
     * @param json the credential JSON of a registration
     * @return it parsed
     * @throws PasskeyException INVALID_ARGUMENT with the reason of the first defect found
     */
    public static Registration parseRegistration(String json) {
        ObjectNode root = readCredential(json);
        JsonNode response = root.get("response");
        if (response.has("signature")) {
            throw wrongType("a sign-in assertion was sent where a registration was expected");
        }
        if (!response.has("attestationObject")) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential lacks response.attestationObject");
        }
        Bytes rawId = credentialId(root);
        Bytes clientDataJson = binary(response, "clientDataJSON");
        Bytes attestationObject = binary(response, "attestationObject");
        ClientData clientData = clientData(clientDataJson);
        if (clientData.type().equals("webauthn.get")) {
            throw wrongType("a sign-in assertion was sent where a registration was expected");
        }
        if (!clientData.type().equals("webauthn.create")) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data type must be webauthn.create");
        }
        List<String> transports = transports(response.get("transports"));

        ObjectNode clean = base(root, rawId);
        ObjectNode r = clean.putObject("response");
        r.put("clientDataJSON", clientDataJson.toBase64Url());
        r.put("attestationObject", attestationObject.toBase64Url());
        ArrayNode t = r.putArray("transports");
        transports.forEach(t::add);
        return new Registration(convert(clean, REGISTRATION_TYPE), transports, clientData);
    }

    /**
     * @param json the credential JSON of a sign-in
     * @return it parsed
     * @throws PasskeyException INVALID_ARGUMENT with the reason of the first defect found
     */
    public static Assertion parseAssertion(String json) {
        ObjectNode root = readCredential(json);
        JsonNode response = root.get("response");
        if (response.has("attestationObject")) {
            throw wrongType("a registration was sent where a sign-in assertion was expected");
        }
        if (!response.has("signature") || !response.has("authenticatorData")) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID,
                    "the credential lacks response.authenticatorData or response.signature");
        }
        Bytes rawId = credentialId(root);
        Bytes clientDataJson = binary(response, "clientDataJSON");
        Bytes authenticatorData = binary(response, "authenticatorData");
        Bytes signature = binary(response, "signature");
        JsonNode userHandleNode = response.get("userHandle");
        Bytes userHandle = userHandleNode == null || userHandleNode.isNull() ? Bytes.empty() : binary(response, "userHandle");
        ClientData clientData = clientData(clientDataJson);
        if (clientData.type().equals("webauthn.create")) {
            throw wrongType("a registration was sent where a sign-in assertion was expected");
        }
        if (!clientData.type().equals("webauthn.get")) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data type must be webauthn.get");
        }

        ObjectNode clean = base(root, rawId);
        ObjectNode r = clean.putObject("response");
        r.put("clientDataJSON", clientDataJson.toBase64Url());
        r.put("authenticatorData", authenticatorData.toBase64Url());
        r.put("signature", signature.toBase64Url());
        if (!userHandle.isEmpty()) {
            r.put("userHandle", userHandle.toBase64Url());
        }
        return new Assertion(convert(clean, ASSERTION_TYPE), clientData);
    }

    // ------------------------------------------------------------------ steps

    private static ObjectNode readCredential(String json) {
        if (json == null) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential is missing");
        }
        if (tooLarge(json)) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_TOO_LARGE, "the credential must have at most 64 KiB");
        }
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PasskeyException(ErrorReason.JSON_MALFORMED, "the credential is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential must be a JSON object");
        }
        JsonNode type = root.get("type");
        if (type == null || !"public-key".equals(type.asText(null)) || !type.isTextual()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential type must be public-key");
        }
        JsonNode response = root.get("response");
        if (response == null || !response.isObject()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential lacks its response object");
        }
        return (ObjectNode) root;
    }

    private static Bytes credentialId(JsonNode root) {
        if (!root.hasNonNull("id") && !root.hasNonNull("rawId")) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential lacks its id");
        }
        Bytes id = root.hasNonNull("id") ? binary(root, "id") : null;
        Bytes rawId = root.hasNonNull("rawId") ? binary(root, "rawId") : null;
        if (id != null && rawId != null && !id.equals(rawId)) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential's id and rawId differ");
        }
        Bytes result = rawId != null ? rawId : id;
        if (result.isEmpty()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential id is empty");
        }
        return result;
    }

    private static ObjectNode base(JsonNode root, Bytes rawId) {
        ObjectNode clean = JsonNodeFactory.instance.objectNode();
        clean.put("type", "public-key");
        clean.put("id", rawId.toBase64Url());
        clean.put("rawId", rawId.toBase64Url());
        JsonNode attachment = root.get("authenticatorAttachment");
        if (attachment != null && attachment.isTextual()
                && (attachment.asText().equals("platform") || attachment.asText().equals("cross-platform"))) {
            clean.put("authenticatorAttachment", attachment.asText());
        }
        JsonNode extensions = root.get("clientExtensionResults");
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "clientExtensionResults must be an object");
        }
        clean.set("clientExtensionResults", extensions == null || extensions.isNull()
                ? JsonNodeFactory.instance.objectNode() : extensions);
        return clean;
    }

    private static ClientData clientData(Bytes clientDataJson) {
        JsonNode node;
        try {
            node = READER.readTree(clientDataJson.toArray());
        } catch (IOException e) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data must be a JSON object");
        }
        String type = text(node, "type");
        tokenBinding(node.get("tokenBinding"));
        String challenge = text(node, "challenge");
        String origin = text(node, "origin");
        Bytes decoded;
        try {
            decoded = decode(challenge);
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data's challenge is not base64url", e);
        }
        return new ClientData(type, decoded, origin);
    }

    /**
     * Token binding is gone from WebAuthn Level 3, but a browser that still sends it signs it, and the
     * engine refuses any status but the two Level 2 defined (old Edge sent "not-supported").
     */
    private static void tokenBinding(JsonNode tokenBinding) {
        if (tokenBinding == null || tokenBinding.isNull()) {
            return;
        }
        JsonNode status = tokenBinding.get("status");
        if (status == null || !status.isTextual()
                || !(status.asText().equals("present") || status.asText().equals("supported"))) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID,
                    "the client data's tokenBinding.status must be \"present\" or \"supported\"");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data lacks " + field);
        }
        return value.asText();
    }

    private static List<String> transports(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "response.transports must be an array");
        }
        List<String> result = new ArrayList<>(node.size());
        for (JsonNode t : node) {
            if (!t.isTextual() || t.asText().isEmpty() || t.asText().length() > 32) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "response.transports must hold short strings");
            }
            if (!result.contains(t.asText())) {
                result.add(t.asText());
            }
        }
        return List.copyOf(result);
    }

    private static Bytes binary(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "the credential lacks " + field);
        }
        if (!value.isTextual()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, field + " must be a base64url string");
        }
        try {
            return decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.BASE64_INVALID, field + " is not valid base64url", e);
        }
    }

    /**
     * Decodes base64url or standard base64, with or without padding.
     *
     * @param text the encoded text
     * @return the bytes
     * @throws IllegalArgumentException when it is neither
     */
    static Bytes decode(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        if (text.length() - end > 2) {
            throw new IllegalArgumentException("too much padding");
        }
        char[] chars = new char[end];
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            chars[i] = c == '+' ? '-' : c == '/' ? '_' : c;
        }
        return Bytes.of(URL_DECODER.decode(new String(chars)));
    }

    private static <T> T convert(ObjectNode clean, JavaType type) {
        try {
            return Json.MAPPER.treeToValue(clean, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Everything but the authenticator's binary data was checked above; what is left to fail
            // is its CBOR and structure, or the shape of the client extension results.
            String path = e instanceof JsonMappingException m ? m.getPathReference() : "";
            if (path != null && path.contains("clientExtensionResults")) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "clientExtensionResults is not valid", e);
            }
            throw new PasskeyException(ErrorReason.CBOR_INVALID, "the authenticator's data cannot be decoded", e);
        }
    }

    private static PasskeyException wrongType(String message) {
        return new PasskeyException(ErrorReason.CREDENTIAL_WRONG_TYPE, message);
    }

    private static boolean tooLarge(String s) {
        if (s.length() > MAX_CREDENTIAL_BYTES) {
            return true;
        }
        return s.length() * 3 > MAX_CREDENTIAL_BYTES && s.getBytes(StandardCharsets.UTF_8).length > MAX_CREDENTIAL_BYTES;
    }
}
