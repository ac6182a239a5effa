package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.AddPasskeyOptions;
import io.github.passkey4j.AuthenticatorAttachment;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.ListPasskeysResponse;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RemovePasskeyResponse;
import io.github.passkey4j.Passkeys;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The passkey endpoints of ZITADEL's Auth API v1 ("me") and User Service v2, on the library. Each
 * handler reads the request's fields, calls one {@link Passkeys} method and returns what it gives;
 * the library validates, stores, and produces the JSON.
 *
 * <p>Two routes also work without a bearer, for a device that is not signed in: registering with a
 * registration code ({@code "code": {"id", "code"}}) and verifying the registration that began so.
 */
final class PasskeyApi {

    private final Passkeys passkeys;
    private final Function<String, Optional<java.time.Instant>> passwordVerifiedAt;
    private final Function<String, Optional<PasskeyUser>> users;
    private final Clock clock;
    private final ObjectMapper json;
    private final String linkTemplate;
    private final Consumer<String> removed;
    private final String ownOrigin;

    /**
     * @param passkeys the library
     * @param users the host's users by id
     * @param clock the time of list responses
     * @param json the mapper that writes the v2 credential object back to a string
     * @param linkTemplate the registration link of {@code _link}, with the library's placeholders
     * @param removed told the id of each passkey removed (the demo ends the sessions it signed in)
     * @param ownOrigin the demo's origin, for ceremonies begun without an {@code Origin} header
     */
    PasskeyApi(Passkeys passkeys, Function<String, Optional<PasskeyUser>> users, Clock clock, ObjectMapper json,
            String linkTemplate, Consumer<String> removed, String ownOrigin,
            Function<String, Optional<java.time.Instant>> passwordVerifiedAt) {
        this.ownOrigin = ownOrigin;
        this.passwordVerifiedAt = passwordVerifiedAt;
        this.passkeys = passkeys;
        this.users = users;
        this.clock = clock;
        this.json = json;
        this.linkTemplate = linkTemplate;
        this.removed = removed;
    }

    /** Adds the routes to the router. */
    void routes(Router<Endpoint> router) {
        Endpoint.Access user = Endpoint.Access.USER;
        Endpoint.Access userOrCode = Endpoint.Access.USER_OR_CODE;
        // without a bearer these take a registration code: rate limited, failures counted for the path's user
        Endpoint.Limit code = (params, body) -> users.apply(params.get("userId"))
                .map(u -> "login:" + u.loginName().toLowerCase(java.util.Locale.ROOT))
                .or(() -> Optional.of("user:" + params.get("userId")));
        router.add("POST", "/auth/v1/users/me/passwordless", new Endpoint(user, this::addV1))
                .add("POST", "/auth/v1/users/me/passwordless/_verify", new Endpoint(user, this::verifyV1))
                .add("POST", "/auth/v1/users/me/passwordless/_search", new Endpoint(user, this::listV1))
                .add("POST", "/auth/v1/users/me/passwordless/_link", new Endpoint(user, this::linkV1))
                .add("DELETE", "/auth/v1/users/me/passwordless/{tokenId}", new Endpoint(user, this::removeV1))
                .add("POST", "/v2/users/{userId}/passkeys", new Endpoint(userOrCode, this::addV2, code))
                .add("POST", "/v2/users/{userId}/passkeys/_search", new Endpoint(user, this::listV2))
                .add("POST", "/v2/users/{userId}/passkeys/registration_link", new Endpoint(user, this::registrationLinkV2))
                .add("POST", "/v2/users/{userId}/passkeys/{passkeyId}", new Endpoint(userOrCode, this::verifyV2, code))
                .add("PATCH", "/v2/users/{userId}/passkeys/{passkeyId}", new Endpoint(user, this::renameV2))
                .add("DELETE", "/v2/users/{userId}/passkeys/{passkeyId}", new Endpoint(user, this::removeV2));
    }

    // ------------------------------------------------------------------ Auth API v1, the signed-in user

    /** {@code POST /auth/v1/users/me/passwordless {}}: the seed's Add passkey. */
    private Object addV1(Call call) {
        return passkeys.addPasskey(signedIn(call), AddPasskeyOptions.defaults().withOrigin(origin(call)));
    }

    /** {@code POST .../_verify {"verification": {"publicKeyCredential": "<base64>", "tokenName"}, "tokenId"}}. */
    private Object verifyV1(Call call) {
        JsonNode verification = call.object("verification").orElse(json.createObjectNode());
        String credential = Call.string(verification, "publicKeyCredential").map(PasskeyApi::base64Json).orElse(null);
        String name = Call.string(verification, "tokenName").orElse(null);
        Optional<String> tokenId = call.string("tokenId").filter(id -> !id.isEmpty());
        Details details = tokenId.isPresent()
                ? passkeys.verifyPasskey(call.userId(), tokenId.get(), credential, name)
                : passkeys.verifyNewestPasskey(call.userId(), credential, name);
        return Map.of("details", details);
    }

    /** {@code POST .../_search {}}. */
    private Object listV1(Call call) {
        return ListPasskeysResponse.v1(passkeys.listPasskeys(call.userId()));
    }

    /** {@code POST .../passwordless/_link {}}: a registration link with a new one-time code. */
    private Object linkV1(Call call) {
        return passkeys.createRegistrationLink(signedIn(call), linkTemplate);
    }

    /** {@code DELETE .../passwordless/{tokenId}}. */
    private Object removeV1(Call call) {
        RemovePasskeyResponse response = passkeys.removePasskey(call.userId(), call.param("tokenId"));
        removed.accept(call.param("tokenId"));
        return response;
    }

    // ------------------------------------------------------------------ User Service v2, /v2/users/{userId}

    /**
     * {@code POST /v2/users/{userId}/passkeys {"authenticator", "domain", "hints", "code": {"id", "code"}}}: with
     * a bearer, for its own user; without one, only with a registration code of the path's user.
     */
    private Object addV2(Call call) {
        Optional<JsonNode> code = call.object("code");
        PasskeyUser user;
        if (call.signedIn()) {
            user = own(call);
        } else if (code.isPresent()) {
            // an unknown user is refused like a wrong code: the answer does not tell which ids exist
            user = users.apply(call.param("userId")).orElseThrow(() -> new PasskeyException(ErrorReason.CODE_INVALID));
        } else {
            throw HttpError.bearerOrCode();
        }
        AddPasskeyOptions options = AddPasskeyOptions.defaults().withOrigin(origin(call));
        if (code.isPresent()) {
            options = options.withCode(Call.string(code.get(), "id").orElse(null), Call.string(code.get(), "code").orElse(null));
        }
        Optional<AuthenticatorAttachment> attachment = call.string("authenticator").flatMap(PasskeyApi::attachment);
        if (attachment.isPresent()) {
            options = options.withAuthenticatorAttachment(attachment.get());
        }
        Optional<String> domain = call.string("domain").filter(d -> !d.isEmpty());
        if (domain.isPresent()) {
            options = options.withRpId(domain.get());
        }
        Optional<java.util.List<io.github.passkey4j.Hint>> hints = Call.hints(call.body(), "hints", "hints");
        if (hints.isPresent()) {
            options = options.withHints(hints.get().toArray(io.github.passkey4j.Hint[]::new));
        }
        JsonNode conditional = call.body().get("conditional");
        if (conditional != null && !conditional.isNull() && !conditional.isBoolean()) {
            throw HttpError.badField("conditional must be true or false");
        }
        if (conditional != null && conditional.asBoolean(false)) {
            // a passkey upgrade: only right after this user's password sign-in, which stands for the skipped UV
            String id = user.id();
            options = options.conditional(passwordVerifiedAt.apply(id).orElseThrow(() -> new PasskeyException(
                    ErrorReason.CONDITIONAL_CREATE_REFUSED, "this user has not signed in with a password")));
        }
        return passkeys.addPasskey(user, options).toV2();
    }

    /**
     * {@code POST /v2/users/{userId}/passkeys/{passkeyId} {"publicKeyCredential": {...}, "passkeyName"}}:
     * with a bearer, for its own user; without one, only a registration begun with a code (which is
     * used up with it).
     */
    private Object verifyV2(Call call) throws JsonProcessingException {
        String userId = call.signedIn() ? own(call).id() : call.param("userId");
        JsonNode credential = call.body().get("publicKeyCredential");
        String credentialJson = null;
        if (credential != null && !credential.isNull()) {
            if (!credential.isObject()) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "publicKeyCredential must be a JSON object");
            }
            credentialJson = json.writeValueAsString(credential);
        }
        String name = call.string("passkeyName").orElse(null);
        Details details = call.signedIn()
                ? passkeys.verifyPasskey(userId, call.param("passkeyId"), credentialJson, name)
                : passkeys.verifyPasskeyWithCode(userId, call.param("passkeyId"), credentialJson, name);
        return Map.of("details", details);
    }

    /** {@code PATCH /v2/users/{userId}/passkeys/{passkeyId} {"passkeyName"}}: rename. */
    private Object renameV2(Call call) {
        PasskeyUser user = own(call);
        String name = call.string("passkeyName").orElse(null);
        return Map.of("details", passkeys.renamePasskey(user.id(), call.param("passkeyId"), name));
    }

    /** {@code POST /v2/users/{userId}/passkeys/_search {}}. */
    private Object listV2(Call call) {
        PasskeyUser user = own(call);
        return ListPasskeysResponse.v2(passkeys.listPasskeys(user.id()), clock.instant());
    }

    /**
     * {@code POST /v2/users/{userId}/passkeys/registration_link}: {@code {"returnCode": {}}} answers the
     * code; {@code {"sendLink": {"urlTemplate"}}} or neither hands a link to the notifier (the demo's
     * prints it on its console) and answers only the details.
     */
    private Object registrationLinkV2(Call call) {
        PasskeyUser user = own(call);
        Optional<JsonNode> returnCode = call.object("returnCode");
        Optional<JsonNode> sendLink = call.object("sendLink");
        if (returnCode.isPresent() && sendLink.isPresent()) {
            throw HttpError.badField("returnCode and sendLink cannot be combined");
        }
        if (returnCode.isPresent()) {
            return passkeys.createRegistrationCode(user);
        }
        Optional<String> template = sendLink.flatMap(s -> Call.string(s, "urlTemplate")).filter(t -> !t.isEmpty());
        Details details = template.isPresent() ? passkeys.sendRegistrationLink(user, template.get())
                : passkeys.sendRegistrationLink(user);
        return Map.of("details", details);
    }

    /** {@code DELETE /v2/users/{userId}/passkeys/{passkeyId}}. */
    private Object removeV2(Call call) {
        PasskeyUser user = own(call);
        RemovePasskeyResponse response = passkeys.removePasskey(user.id(), call.param("passkeyId"));
        removed.accept(call.param("passkeyId"));
        return response;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The origin a ceremony is begun for: the browser's {@code Origin}, else (an API client) the
     * demo's own. The library refuses an origin the relying party does not have, and finishes the
     * ceremony only there.
     */
    private String origin(Call call) {
        return call.origin().orElse(ownOrigin);
    }

    private PasskeyUser signedIn(Call call) {
        return users.apply(call.userId()).orElseThrow(() -> HttpError.unauthenticated("the session's user is gone"));
    }

    /** The path's user, which must be the bearer's own: another user's id is 403. */
    private PasskeyUser own(Call call) {
        if (!call.param("userId").equals(call.userId())) {
            throw HttpError.permissionDenied();
        }
        return signedIn(call);
    }

    private static Optional<AuthenticatorAttachment> attachment(String value) {
        switch (value) {
            case "PASSKEY_AUTHENTICATOR_UNSPECIFIED":
            case "":
                return Optional.empty();
            case "PASSKEY_AUTHENTICATOR_PLATFORM":
                return Optional.of(AuthenticatorAttachment.PLATFORM);
            case "PASSKEY_AUTHENTICATOR_CROSS_PLATFORM":
                return Optional.of(AuthenticatorAttachment.CROSS_PLATFORM);
            default:
                throw HttpError.badField("authenticator must be PASSKEY_AUTHENTICATOR_UNSPECIFIED, "
                        + "PASSKEY_AUTHENTICATOR_PLATFORM or PASSKEY_AUTHENTICATOR_CROSS_PLATFORM");
        }
    }

    /**
     * v1 sends the credential JSON as protobuf {@code bytes}: standard base64 (grpc-gateway also takes
     * the URL-safe alphabet, with or without padding, and so does this).
     */
    private static String base64Json(String encoded) {
        byte[] bytes;
        try {
            String s = encoded.strip();
            bytes = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new PasskeyException(ErrorReason.BASE64_INVALID, "publicKeyCredential must be the credential JSON in base64");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PasskeyException(ErrorReason.JSON_MALFORMED, "publicKeyCredential is not UTF-8 JSON");
        }
    }
}
