package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.AuthenticatorAttachment;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.exception.Base64UrlException;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.Bytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
    /** The most entries {@code response.transports} may have, counted as sent. */
    public static final int MAX_TRANSPORTS = 16;
    /** The transports WebAuthn defines; any other string is dropped. */
    public static final Set<String> KNOWN_TRANSPORTS = Set.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal");

    private static final ObjectReader READER =
            Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    /** Readers bound to their type once (a plain treeToValue looks the deserializer up every time). */
    private static final Map<Class<?>, ObjectReader> EXTENSION_READERS = Map.of(
            ClientRegistrationExtensionOutputs.class, Json.MAPPER.readerFor(ClientRegistrationExtensionOutputs.class),
            ClientAssertionExtensionOutputs.class, Json.MAPPER.readerFor(ClientAssertionExtensionOutputs.class));

    private CredentialParser() {
    }

    /**
     * A parsed registration response.
     *
     * @param credential the engine's credential
     * @param transports the known transports the browser reported, in its order, without repeats
     * @param clientData the decoded client data JSON
     * @param attestation the attestation object as the library read and checked it
     */
    public record Registration(
            PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> credential,
            List<String> transports,
            ClientData clientData,
            AuthenticatorBytes.Attestation attestation,
            io.github.passkey4j.store.PasskeyExtensions extensions) {
    }

    /**
     * A parsed sign-in response.
     *
     * @param credential the engine's credential
     * @param clientData the decoded client data JSON
     * @param authData the authenticator data as the library read and checked it
     */
    public record Assertion(
            PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential,
            ClientData clientData,
            AuthenticatorBytes.AuthData authData) {
    }

    /**
     * The fields of the client data JSON the library checks itself.
     *
     * @param type {@code webauthn.create} or {@code webauthn.get}
     * @param challenge the challenge, decoded
     * @param origin the origin, after JSON decoding
     * @param crossOrigin the {@code crossOrigin} member: whether the ceremony ran in a frame that is
     *     not same-origin with its ancestors (false when absent)
     * @param topOrigin the {@code topOrigin} member: the origin of the top-level page, when sent
     */
    public record ClientData(String type, Bytes challenge, String origin, boolean crossOrigin, Optional<String> topOrigin) {
    }

    /**
     * @param json the credential JSON of a registration
     * @return it parsed
     * @throws PasskeyException INVALID_ARGUMENT with the reason of the first defect found
     */
    public static Registration parseRegistration(String json) {
        return parseRegistration(json, false);
    }

    /**
     * @param json the credential JSON of a registration
     * @param unknownFormatsAsNone whether an attestation format that is not a registered one is
     *     treated as "none" instead of refused
     * @return it parsed
     * @throws PasskeyException INVALID_ARGUMENT with the reason of the first defect found
     */
    public static Registration parseRegistration(String json, boolean unknownFormatsAsNone) {
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
        Optional<AuthenticatorAttachment> attachment = attachment(root);
        io.github.passkey4j.store.PasskeyExtensions reported = ExtensionResults.read(root, true);
        ClientRegistrationExtensionOutputs extensions = extensions(root, ClientRegistrationExtensionOutputs.class,
                () -> ClientRegistrationExtensionOutputs.builder().build());
        AuthenticatorBytes.Attestation checked = AuthenticatorBytes.attestation(attestationObject.toArray(),
                unknownFormatsAsNone);

        AuthenticatorAttestationResponse attestation;
        try {
            attestation = AuthenticatorAttestationResponse.builder()
                    .attestationObject(new ByteArray(checked.encoded()))
                    .clientDataJSON(new ByteArray(clientDataJson.toArray()))
                    .transports(transportSet(transports))
                    .build();
        } catch (IOException | Base64UrlException | RuntimeException e) {
            throw cborInvalid(e);
        }
        return new Registration(PublicKeyCredential.<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs>builder()
                .id(new ByteArray(rawId.toArray()))
                .response(attestation)
                .clientExtensionResults(extensions)
                .authenticatorAttachment(attachment.orElse(null))
                .build(), transports, clientData, checked, reported);
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
        Optional<AuthenticatorAttachment> attachment = attachment(root);
        ExtensionResults.read(root, false);
        ClientAssertionExtensionOutputs extensions = extensions(root, ClientAssertionExtensionOutputs.class,
                () -> ClientAssertionExtensionOutputs.builder().build());
        AuthenticatorBytes.AuthData checked = AuthenticatorBytes.authenticatorData(authenticatorData.toArray(), false);

        AuthenticatorAssertionResponse assertion;
        try {
            assertion = AuthenticatorAssertionResponse.builder()
                    .authenticatorData(new ByteArray(authenticatorData.toArray()))
                    .clientDataJSON(new ByteArray(clientDataJson.toArray()))
                    .signature(new ByteArray(signature.toArray()))
                    .userHandle(userHandle.isEmpty() ? Optional.empty() : Optional.of(new ByteArray(userHandle.toArray())))
                    .build();
        } catch (IOException | Base64UrlException | RuntimeException e) {
            throw cborInvalid(e);
        }
        return new Assertion(PublicKeyCredential.<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>builder()
                .id(new ByteArray(rawId.toArray()))
                .response(assertion)
                .clientExtensionResults(extensions)
                .authenticatorAttachment(attachment.orElse(null))
                .build(), clientData, checked);
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
        if (result.length() > AuthenticatorBytes.MAX_CREDENTIAL_ID_BYTES) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_ID_TOO_LONG);
        }
        return result;
    }

    /** The attachment, when the browser reported one of the two values the engine knows. */
    private static Optional<AuthenticatorAttachment> attachment(JsonNode root) {
        JsonNode attachment = root.get("authenticatorAttachment");
        if (attachment != null && attachment.isTextual()) {
            return AuthenticatorAttachment.fromValue(attachment.asText());
        }
        return Optional.empty();
    }

    /** The client extension results: an object, or absent or null for none. */
    private static <T> T extensions(JsonNode root, Class<T> type, Supplier<T> none) {
        JsonNode extensions = root.get("clientExtensionResults");
        if (extensions == null || extensions.isNull() || (extensions.isObject() && extensions.isEmpty())) {
            return none.get();
        }
        if (!extensions.isObject()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "clientExtensionResults must be an object");
        }
        try {
            return EXTENSION_READERS.get(type).readValue(extensions);
        } catch (IOException | IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "clientExtensionResults is not valid", e);
        }
    }

    private static Set<AuthenticatorTransport> transportSet(List<String> transports) {
        return Transports.of(transports);
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
        JsonNode crossOrigin = node.get("crossOrigin");
        if (crossOrigin != null && !crossOrigin.isNull() && !crossOrigin.isBoolean()) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data's crossOrigin must be true or false");
        }
        JsonNode topOrigin = node.get("topOrigin");
        if (topOrigin != null && !topOrigin.isNull() && !topOrigin.isTextual()) {
            throw new PasskeyException(ErrorReason.CLIENT_DATA_INVALID, "the client data's topOrigin must be a string");
        }
        return new ClientData(type, decoded, origin, crossOrigin != null && crossOrigin.asBoolean(),
                topOrigin == null || topOrigin.isNull() ? Optional.empty() : Optional.of(topOrigin.asText()));
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

    /**
     * The transports WebAuthn defines that the browser reported, in its order, without repeats;
     * unknown strings are dropped (as the specification asks). At most {@link #MAX_TRANSPORTS}
     * entries, counted as sent. Linear: each entry is one lookup in a fixed set of six.
     */
    private static List<String> transports(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new PasskeyException(ErrorReason.TRANSPORTS_INVALID, "response.transports must be an array");
        }
        if (node.size() > MAX_TRANSPORTS) {
            throw new PasskeyException(ErrorReason.TRANSPORTS_INVALID, "response.transports has " + node.size()
                    + " entries; at most " + MAX_TRANSPORTS + " are accepted");
        }
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw new PasskeyException(ErrorReason.TRANSPORTS_INVALID, "response.transports must hold strings");
            }
            if (KNOWN_TRANSPORTS.contains(t.asText())) {
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

    /**
     * Everything but the authenticator's binary data was checked before the engine's types are built;
     * what is left to fail is its CBOR and structure.
     */
    private static PasskeyException cborInvalid(Exception e) {
        return new PasskeyException(ErrorReason.CBOR_INVALID, "the authenticator's data cannot be decoded", e);
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
