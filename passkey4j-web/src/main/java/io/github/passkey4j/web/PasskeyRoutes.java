package io.github.passkey4j.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.AddPasskeyOptions;
import io.github.passkey4j.AuthenticatorAttachment;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.Hint;
import io.github.passkey4j.ListPasskeysResponse;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RemovePasskeyResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The passkey routes of ZITADEL's Auth API v1 ("me") and User Service v2 on the library, with no web
 * framework: {@link #routes()} lists them, and a host's HTTP layer maps each one. Each handler reads its
 * fields strictly, calls one {@link Passkeys} method and answers what it gives; the library validates,
 * stores and produces the JSON.
 *
 * <ul>
 *   <li>{@code POST /auth/v1/users/me/passwordless}, {@code .../_verify}, {@code .../_search},
 *       {@code .../_link}, {@code DELETE .../{tokenId}}: the signed-in user's passkeys (v1);</li>
 *   <li>{@code POST /v2/users/{userId}/passkeys} (add: {@code authenticator}, {@code domain}, {@code hints},
 *       {@code conditional}, {@code code}), {@code POST .../{passkeyId}} (verify), {@code PATCH
 *       .../{passkeyId}} (rename), {@code POST .../_search}, {@code POST .../registration_link},
 *       {@code DELETE .../{passkeyId}}: a user's passkeys (v2), the path's user being the signed-in one;
 *       add and verify also take a registration code instead (a device that is not signed in).</li>
 * </ul>
 *
 * <pre>{@code
 * PasskeyRoutes routes = PasskeyRoutes.builder(passkeys)
 *         .users(myUsers::find)                     // user id -> PasskeyUser
 *         .defaultOrigin("https://login.example.com") // for API clients that send no Origin
 *         .build();
 * for (Route r : routes.routes()) { myRouter.add(r.method(), r.pattern(), r.access(), r.handler()); }
 * }</pre>
 */
public final class PasskeyRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Passkeys passkeys;
    private final Function<String, Optional<PasskeyUser>> users;
    private final Clock clock;
    private final Optional<String> linkTemplate;
    private final Consumer<String> removed;
    private final Optional<String> defaultOrigin;
    private final Function<String, Optional<Instant>> passwordVerifiedAt;
    private final List<Route> routes;

    private PasskeyRoutes(Builder b) {
        this.passkeys = b.passkeys;
        this.users = Objects.requireNonNull(b.users, "users is required");
        this.clock = b.clock;
        this.linkTemplate = Optional.ofNullable(b.linkTemplate);
        this.removed = b.removed;
        this.defaultOrigin = Optional.ofNullable(b.defaultOrigin);
        this.passwordVerifiedAt = b.passwordVerifiedAt;
        Route.Access user = Route.Access.USER;
        Route.Access userOrCode = Route.Access.USER_OR_CODE;
        this.routes = List.of(
                new Route("POST", "/auth/v1/users/me/passwordless", user, this::addV1),
                new Route("POST", "/auth/v1/users/me/passwordless/_verify", user, this::verifyV1),
                new Route("POST", "/auth/v1/users/me/passwordless/_search", user, this::listV1),
                new Route("POST", "/auth/v1/users/me/passwordless/_link", user, this::linkV1),
                new Route("DELETE", "/auth/v1/users/me/passwordless/{tokenId}", user, this::removeV1),
                new Route("POST", "/v2/users/{userId}/passkeys", userOrCode, this::addV2),
                new Route("POST", "/v2/users/{userId}/passkeys/_search", user, this::listV2),
                new Route("POST", "/v2/users/{userId}/passkeys/registration_link", user, this::registrationLinkV2),
                new Route("POST", "/v2/users/{userId}/passkeys/{passkeyId}", userOrCode, this::verifyV2),
                new Route("PATCH", "/v2/users/{userId}/passkeys/{passkeyId}", user, this::renameV2),
                new Route("DELETE", "/v2/users/{userId}/passkeys/{passkeyId}", user, this::removeV2));
    }

    /**
     * @param passkeys the library
     * @return a builder; {@link Builder#users} is required
     */
    public static Builder builder(Passkeys passkeys) {
        return new Builder(Objects.requireNonNull(passkeys, "passkeys"));
    }

    /** @return every route, in an order a first-match router may use (literal segments before parameters) */
    public List<Route> routes() {
        return routes;
    }

    /**
     * For the rate limit of a route called with a registration code instead of a signed-in user: the
     * name its failures are counted under, the path's user.
     *
     * @param userId the path's user id
     * @return {@code login:<login name>} when the user exists, else {@code user:<id>}
     */
    public String codeLimitName(String userId) {
        return users.apply(userId).map(u -> "login:" + u.loginName().toLowerCase(java.util.Locale.ROOT))
                .orElse("user:" + userId);
    }

    // ------------------------------------------------------------------ Auth API v1, the signed-in user

    /** {@code POST /auth/v1/users/me/passwordless {}}: the seed's Add passkey. */
    private Object addV1(RouteCall call) {
        return passkeys.addPasskey(signedIn(call), begun(call));
    }

    /** {@code POST .../_verify {"verification": {"publicKeyCredential": "<base64>", "tokenName"}, "tokenId"}}. */
    private Object verifyV1(RouteCall call) {
        JsonNode verification = call.object("verification").orElse(JSON.createObjectNode());
        String credential = Fields.string(verification, "publicKeyCredential").map(PasskeyRoutes::base64Json).orElse(null);
        String name = Fields.string(verification, "tokenName").orElse(null);
        Optional<String> tokenId = call.string("tokenId").filter(id -> !id.isEmpty());
        Details details = tokenId.isPresent()
                ? passkeys.verifyPasskey(call.user(), tokenId.get(), credential, name)
                : passkeys.verifyNewestPasskey(call.user(), credential, name);
        return Map.of("details", details);
    }

    /** {@code POST .../_search {}}. */
    private Object listV1(RouteCall call) {
        return ListPasskeysResponse.v1(passkeys.listPasskeys(call.user()));
    }

    /** {@code POST .../passwordless/_link {}}: a registration link with a new one-time code. */
    private Object linkV1(RouteCall call) {
        String template = linkTemplate.orElseThrow(() -> new PasskeyException(ErrorReason.NOTIFIER_MISSING,
                "registration links are not configured: there is no link template"));
        return passkeys.createRegistrationLink(signedIn(call), template);
    }

    /** {@code DELETE .../passwordless/{tokenId}}. */
    private Object removeV1(RouteCall call) {
        RemovePasskeyResponse response = passkeys.removePasskey(call.user(), call.param("tokenId"));
        removed.accept(call.param("tokenId"));
        return response;
    }

    // ------------------------------------------------------------------ User Service v2, /v2/users/{userId}

    /**
     * {@code POST /v2/users/{userId}/passkeys {"authenticator", "domain", "hints", "conditional", "code":
     * {"id", "code"}}}: for the signed-in user's own id; without a user, only with a registration code
     * of the path's user.
     */
    private Object addV2(RouteCall call) {
        Optional<JsonNode> code = call.object("code");
        PasskeyUser user;
        if (call.userId().isPresent()) {
            user = own(call);
        } else if (code.isPresent()) {
            // an unknown user is refused like a wrong code: the answer does not tell which ids exist
            user = users.apply(call.param("userId")).orElseThrow(() -> new PasskeyException(ErrorReason.CODE_INVALID));
        } else {
            throw WebError.unauthenticated("an Authorization: Bearer <sessionToken> header or a registration code is required");
        }
        AddPasskeyOptions options = begun(call);
        if (code.isPresent()) {
            options = options.withCode(Fields.string(code.get(), "id").orElse(null),
                    Fields.string(code.get(), "code").orElse(null));
        }
        Optional<AuthenticatorAttachment> attachment = call.string("authenticator").flatMap(PasskeyRoutes::attachment);
        if (attachment.isPresent()) {
            options = options.withAuthenticatorAttachment(attachment.get());
        }
        Optional<String> domain = call.string("domain").filter(d -> !d.isEmpty());
        if (domain.isPresent()) {
            options = options.withRpId(domain.get());
        }
        Optional<List<Hint>> hints = Fields.hints(call.body(), "hints", "hints");
        if (hints.isPresent()) {
            options = options.withHints(hints.get().toArray(Hint[]::new));
        }
        if (Fields.bool(call.body(), "conditional", "conditional").orElse(false)) {
            // a passkey upgrade: only right after this user's password sign-in, which stands for the skipped UV
            String id = user.id();
            options = options.conditional(passwordVerifiedAt.apply(id).orElseThrow(() -> new PasskeyException(
                    ErrorReason.CONDITIONAL_CREATE_REFUSED, "this user has not signed in with a password")));
        }
        return passkeys.addPasskey(user, options).toV2();
    }

    /**
     * {@code POST /v2/users/{userId}/passkeys/{passkeyId} {"publicKeyCredential": {...}, "passkeyName"}}:
     * for the signed-in user's own id; without a user, only a registration begun with a code (which is
     * used up with it).
     */
    private Object verifyV2(RouteCall call) {
        boolean signedIn = call.userId().isPresent();
        String userId = signedIn ? own(call).id() : call.param("userId");
        JsonNode credential = call.body().get("publicKeyCredential");
        String credentialJson = null;
        if (credential != null && !credential.isNull()) {
            if (!credential.isObject()) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "publicKeyCredential must be a JSON object");
            }
            try {
                credentialJson = JSON.writeValueAsString(credential);
            } catch (JsonProcessingException e) {
                throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "publicKeyCredential cannot be written as JSON");
            }
        }
        String name = call.string("passkeyName").orElse(null);
        Details details = signedIn
                ? passkeys.verifyPasskey(userId, call.param("passkeyId"), credentialJson, name)
                : passkeys.verifyPasskeyWithCode(userId, call.param("passkeyId"), credentialJson, name);
        return Map.of("details", details);
    }

    /** {@code PATCH /v2/users/{userId}/passkeys/{passkeyId} {"passkeyName"}}: rename. */
    private Object renameV2(RouteCall call) {
        PasskeyUser user = own(call);
        String name = call.string("passkeyName").orElse(null);
        return Map.of("details", passkeys.renamePasskey(user.id(), call.param("passkeyId"), name));
    }

    /** {@code POST /v2/users/{userId}/passkeys/_search {}}. */
    private Object listV2(RouteCall call) {
        PasskeyUser user = own(call);
        return ListPasskeysResponse.v2(passkeys.listPasskeys(user.id()), clock.instant());
    }

    /**
     * {@code POST /v2/users/{userId}/passkeys/registration_link}: {@code {"returnCode": {}}} answers the
     * code; {@code {"sendLink": {"urlTemplate"}}} or neither hands a link to the configured notifier and
     * answers only the details.
     */
    private Object registrationLinkV2(RouteCall call) {
        PasskeyUser user = own(call);
        Optional<JsonNode> returnCode = call.object("returnCode");
        Optional<JsonNode> sendLink = call.object("sendLink");
        if (returnCode.isPresent() && sendLink.isPresent()) {
            throw WebError.badField("returnCode and sendLink cannot be combined");
        }
        if (returnCode.isPresent()) {
            return passkeys.createRegistrationCode(user);
        }
        Optional<String> template = sendLink.flatMap(s -> Fields.string(s, "urlTemplate")).filter(t -> !t.isEmpty());
        Details details = template.isPresent() ? passkeys.sendRegistrationLink(user, template.get())
                : passkeys.sendRegistrationLink(user);
        return Map.of("details", details);
    }

    /** {@code DELETE /v2/users/{userId}/passkeys/{passkeyId}}. */
    private Object removeV2(RouteCall call) {
        PasskeyUser user = own(call);
        RemovePasskeyResponse response = passkeys.removePasskey(user.id(), call.param("passkeyId"));
        removed.accept(call.param("passkeyId"));
        return response;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The origin a ceremony is begun for: the browser's {@code Origin}, else (an API client) the
     * configured default, else none (any origin of the relying party). The library refuses an origin
     * the relying party does not have, and finishes the ceremony only there.
     */
    private AddPasskeyOptions begun(RouteCall call) {
        Optional<String> origin = call.origin().or(() -> defaultOrigin);
        return origin.isPresent() ? AddPasskeyOptions.defaults().withOrigin(origin.get()) : AddPasskeyOptions.defaults();
    }

    private PasskeyUser signedIn(RouteCall call) {
        return users.apply(call.user()).orElseThrow(() -> WebError.unauthenticated("the session's user is gone"));
    }

    /** The path's user, which must be the signed-in one: another user's id is 403. */
    private PasskeyUser own(RouteCall call) {
        if (!call.param("userId").equals(call.user())) {
            throw WebError.permissionDenied();
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
                throw WebError.badField("authenticator must be PASSKEY_AUTHENTICATOR_UNSPECIFIED, "
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

    /** Configures {@link PasskeyRoutes}. */
    public static final class Builder {

        private final Passkeys passkeys;
        private Function<String, Optional<PasskeyUser>> users;
        private Clock clock = Clock.systemUTC();
        private String linkTemplate;
        private Consumer<String> removed = id -> { };
        private String defaultOrigin;
        private Function<String, Optional<Instant>> passwordVerifiedAt = id -> Optional.empty();

        private Builder(Passkeys passkeys) {
            this.passkeys = passkeys;
        }

        /**
         * @param lookup the host's users by id (the signed-in user's, and a registration code's path user)
         * @return this
         */
        public Builder users(Function<String, Optional<PasskeyUser>> lookup) {
            this.users = Objects.requireNonNull(lookup, "users");
            return this;
        }

        /**
         * @param time the time of v2 list responses (default the system clock)
         * @return this
         */
        public Builder clock(Clock time) {
            this.clock = Objects.requireNonNull(time, "clock");
            return this;
        }

        /**
         * @param template the registration link v1 {@code _link} answers, with the library's placeholders;
         *     without one, {@code _link} is refused with {@code PASSKEY-NOTIFIER-MISSING}
         * @return this
         */
        public Builder linkTemplate(String template) {
            this.linkTemplate = Objects.requireNonNull(template, "linkTemplate");
            return this;
        }

        /**
         * @param listener told the id of each passkey removed (to end the sessions it signed in, say)
         * @return this
         */
        public Builder onRemoved(Consumer<String> listener) {
            this.removed = Objects.requireNonNull(listener, "onRemoved");
            return this;
        }

        /**
         * @param origin the origin ceremonies are begun for when a request has no {@code Origin} header
         *     (an API client); without one, such ceremonies accept any origin of the relying party
         * @return this
         */
        public Builder defaultOrigin(String origin) {
            this.defaultOrigin = Objects.requireNonNull(origin, "defaultOrigin");
            return this;
        }

        /**
         * @param lookup when a user last signed in with a password, for the passkey upgrade ({@code
         *     "conditional": true}); without one, every upgrade is refused
         * @return this
         */
        public Builder passwordVerifiedAt(Function<String, Optional<Instant>> lookup) {
            this.passwordVerifiedAt = Objects.requireNonNull(lookup, "passwordVerifiedAt");
            return this;
        }

        /** @return the routes */
        public PasskeyRoutes build() {
            return new PasskeyRoutes(this);
        }
    }
}
