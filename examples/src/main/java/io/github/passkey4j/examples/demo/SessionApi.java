package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.WebError;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.examples.demo.SignInSessions.Session;
import io.github.passkey4j.examples.demo.SignInSessions.WithToken;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with a passkey through ZITADEL's Session Service v2 (the part for passkeys):
 * {@code POST /v2/sessions} begins it ({@link Passkeys#beginSignIn}), {@code PATCH
 * /v2/sessions/{sessionId}} checks the browser's assertion ({@link Passkeys#finishSignIn}) and hands
 * out the token that is then a bearer of the passkey's owner, {@code GET} reads the session and
 * {@code DELETE} ends it (signs out).
 */
final class SessionApi {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Passkeys passkeys;
    private final DemoAccounts accounts;
    private final SignInSessions sessions;
    private final String organisation;
    private final ObjectMapper json;
    private final String ownOrigin;

    /**
     * @param passkeys the library
     * @param accounts the demo's users
     * @param sessions the demo's sign-in sessions
     * @param organisation the resource owner of a session whose user is not known yet (usernameless)
     * @param json the mapper that writes the assertion object back to a string
     * @param ownOrigin the demo's origin, for sign-ins begun without an {@code Origin} header
     */
    SessionApi(Passkeys passkeys, DemoAccounts accounts, SignInSessions sessions, String organisation, ObjectMapper json,
            String ownOrigin) {
        this.ownOrigin = ownOrigin;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.sessions = sessions;
        this.organisation = organisation;
        this.json = json;
    }

    /** Adds the routes to the router. */
    void routes(Router<Endpoint> router) {
        router.add("POST", "/v2/sessions", new Endpoint(Endpoint.Access.PUBLIC, this::create, this::beginName))
                .add("GET", "/v2/sessions/{sessionId}", new Endpoint(Endpoint.Access.SESSION, this::get))
                .add("PATCH", "/v2/sessions/{sessionId}", new Endpoint(Endpoint.Access.SESSION, this::check, this::checkName))
                .add("DELETE", "/v2/sessions/{sessionId}", new Endpoint(Endpoint.Access.SESSION, this::end));
    }

    // ------------------------------------------------------------------ the answers

    /** {@code {"details", "sessionId", "sessionToken", "challenges": {"webAuthN": {...}}}}. */
    @JsonPropertyOrder({"details", "sessionId", "sessionToken", "challenges"})
    record CreateSessionResponse(Details details, String sessionId, String sessionToken, Challenges challenges) {
        @Override
        public String toString() {
            return "CreateSessionResponse[sessionId=" + sessionId + ", sessionToken=***]";
        }
    }

    /** {@code {"webAuthN": {"publicKeyCredentialRequestOptions": {"publicKey": {...}}}}}. */
    record Challenges(@JsonProperty("webAuthN") WebAuthNChallenge webAuthN) {
    }

    /** The request options, written raw: they are the library's JSON. */
    record WebAuthNChallenge(@JsonRawValue String publicKeyCredentialRequestOptions) {
    }

    /** {@code {"details", "sessionToken": "<new token>"}}. */
    @JsonPropertyOrder({"details", "sessionToken"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record SetSessionResponse(Details details, String sessionToken, io.github.passkey4j.Signals signals) {
        @Override
        public String toString() {
            return "SetSessionResponse[sessionToken=***]";
        }
    }

    /** {@code {"session": {...}}}. */
    record GetSessionResponse(SessionView session) {
    }

    /** ZITADEL's session, with the factors a passkey sign-in has. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "creationDate", "changeDate", "sequence", "factors", "expirationDate"})
    record SessionView(String id, String creationDate, String changeDate, String sequence, Factors factors,
            String expirationDate) {
    }

    /** The checks that succeeded; each is left out until it did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"user", "webAuthN"})
    record Factors(UserFactor user, @JsonProperty("webAuthN") WebAuthNFactor webAuthN) {
    }

    /** {@code factors.user}. */
    @JsonPropertyOrder({"verifiedAt", "id", "loginName", "displayName", "organizationId"})
    record UserFactor(String verifiedAt, String id, String loginName, String displayName, String organizationId) {
    }

    /** {@code factors.webAuthN}. */
    @JsonPropertyOrder({"verifiedAt", "userVerified"})
    record WebAuthNFactor(String verifiedAt, boolean userVerified) {
    }

    // ------------------------------------------------------------------ routes

    /**
     * {@code POST /v2/sessions {"checks": {"user": {"loginName"}}, "challenges": {"webAuthN": {"domain",
     * "userVerificationRequirement", "hints", "prf"}}}}: username-first with {@code checks.user}, else
     * usernameless; {@code "prf": true} (username-first only) asks each passkey for its PRF output.
     */
    private Object create(Call call) {
        Optional<PasskeyUser> user = Optional.empty();
        Optional<JsonNode> checks = object(call.body(), "checks");
        if (checks.isPresent()) {
            Optional<JsonNode> userCheck = object(checks.get(), "checks.user");
            if (userCheck.isPresent()) {
                user = Optional.of(namedUser(userCheck.get()));
            }
            if (object(checks.get(), "checks.webAuthN").isPresent()) {
                throw HttpError.badField("checks.webAuthN belongs in PATCH /v2/sessions/{sessionId}, after the challenge");
            }
        }
        JsonNode webAuthN = object(call.body(), "challenges").flatMap(c -> object(c, "challenges.webAuthN"))
                .orElseThrow(() -> HttpError.badField("challenges.webAuthN is required: the demo's sessions sign in with a passkey"));
        // the sign-in finishes only at the origin it was begun for: the browser's, else (an API client) the demo's
        SignInOptions options = user.map(u -> SignInOptions.forUser(u.id())).orElse(SignInOptions.usernameless())
                .withOrigin(call.origin().orElse(ownOrigin));
        Optional<String> domain = text(webAuthN, "challenges.webAuthN.domain").filter(d -> !d.isEmpty());
        if (domain.isPresent()) {
            options = options.withRpId(domain.get());
        }
        Optional<UserVerification> uv = text(webAuthN, "challenges.webAuthN.userVerificationRequirement")
                .flatMap(SessionApi::userVerification);
        if (uv.isPresent()) {
            options = options.withUserVerification(uv.get());
        }
        Optional<java.util.List<io.github.passkey4j.Hint>> hints = Call.hints(webAuthN, "hints", "challenges.webAuthN.hints");
        if (hints.isPresent()) {
            options = options.withHints(hints.get().toArray(io.github.passkey4j.Hint[]::new));
        }
        JsonNode prf = webAuthN.get("prf");
        if (prf != null && !prf.isNull() && !prf.isBoolean()) {
            throw HttpError.badField("challenges.webAuthN.prf must be true or false");
        }
        if (prf != null && prf.asBoolean(false)) {
            if (user.isEmpty()) {
                throw HttpError.badField("challenges.webAuthN.prf needs checks.user: PRF salts are per passkey of a user");
            }
            options = options.withPrf();
        }

        SignInChallenge challenge = passkeys.beginSignIn(options);
        WithToken created = sessions.create(challenge.ceremonyId(), user.map(PasskeyUser::id));
        Session session = created.session();
        Details details = new Details(session.sequence(), session.createdAt(), session.changedAt(),
                user.map(PasskeyUser::resourceOwner).orElse(organisation));
        return new CreateSessionResponse(details, session.id(), created.token(),
                new Challenges(new WebAuthNChallenge(challenge.publicKeyCredentialRequestOptions())));
    }

    /**
     * {@code PATCH /v2/sessions/{sessionId} {"checks": {"webAuthN": {"credentialAssertionData": {...}}}}}:
     * the passkey check; on success a new token, which is a bearer of the passkey's owner.
     */
    private Object check(Call call) throws JsonProcessingException {
        Session session = current(call);
        JsonNode assertion = object(call.body(), "checks").flatMap(c -> object(c, "checks.webAuthN"))
                .map(w -> w.get("credentialAssertionData"))
                .filter(a -> !a.isNull())
                .orElseThrow(() -> HttpError.badField("checks.webAuthN.credentialAssertionData is required"));
        if (!assertion.isObject()) {
            throw new PasskeyException(ErrorReason.CREDENTIAL_INVALID, "credentialAssertionData must be a JSON object");
        }
        if (session.signedIn()) {
            // its ceremony is gone: the library would only say it cannot find it
            throw new PasskeyException(ErrorReason.CEREMONY_USED, "the session's passkey check succeeded already");
        }
        SignInResult result = passkeys.finishSignIn(session.ceremonyId(), json.writeValueAsString(assertion));
        if (session.userId().isPresent() && !session.userId().get().equals(result.userId())) {
            // the library refuses this already (the ceremony names the user); never trust one check alone
            throw new PasskeyException(ErrorReason.CREDENTIAL_NOT_OWNED, "this passkey cannot sign in this user");
        }
        WithToken signedIn = sessions.signIn(session.id(), call.sessionToken(), result.userId(), result.passkeyId(),
                result.userVerified(), result.details().changeDate()).orElseThrow(SessionApi::notCurrent);
        Session now = signedIn.session();
        return new SetSessionResponse(new Details(now.sequence(), null, now.changedAt(), result.resourceOwner()),
                signedIn.token(), result.signals());
    }

    /** {@code GET /v2/sessions/{sessionId}}. */
    private Object get(Call call) {
        Session session = current(call);
        Optional<PasskeyUser> user = session.userId().flatMap(accounts::user);
        UserFactor userFactor = user.map(u -> new UserFactor(timestamp(session.userCheckedAt().orElse(session.createdAt())),
                u.id(), u.loginName(), u.displayName(), u.resourceOwner())).orElse(null);
        WebAuthNFactor webAuthN = session.verifiedAt()
                .map(at -> new WebAuthNFactor(timestamp(at), session.userVerified())).orElse(null);
        return new GetSessionResponse(new SessionView(session.id(), timestamp(session.createdAt()),
                timestamp(session.changedAt()), Long.toString(session.sequence()), new Factors(userFactor, webAuthN),
                timestamp(session.expiresAt())));
    }

    /** {@code DELETE /v2/sessions/{sessionId}}: signs out; the token stops working. */
    private Object end(Call call) {
        Session ended = sessions.end(call.param("sessionId"), call.sessionToken()).orElseThrow(SessionApi::notCurrent);
        String owner = ended.userId().flatMap(accounts::user).map(PasskeyUser::resourceOwner).orElse(organisation);
        return Map.of("details", new Details(ended.sequence(), null, ended.changedAt(), owner));
    }

    // ------------------------------------------------------------------ the rate limits' names

    /** Sign-in begin: the login name (or the user id) of {@code checks.user}; none when usernameless. */
    private Optional<String> beginName(Map<String, String> params, JsonNode body) {
        JsonNode user = body == null ? null : body.path("checks").path("user");
        if (user == null || !user.isObject()) {
            return Optional.empty();
        }
        if (user.path("loginName").isTextual()) {
            return Optional.of("login:" + user.get("loginName").asText().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (user.path("userId").isTextual()) {
            String userId = user.get("userId").asText();
            return accounts.limitName(userId).or(() -> Optional.of("user:" + userId));
        }
        return Optional.empty();
    }

    /** Sign-in finish: the session's user once known; else the session itself. */
    private Optional<String> checkName(Map<String, String> params, JsonNode body) {
        String sessionId = params.get("sessionId");
        return sessions.find(sessionId).flatMap(Session::userId).flatMap(accounts::limitName)
                .or(() -> Optional.of("session:" + sessionId));
    }

    // ------------------------------------------------------------------ helpers

    private Session current(Call call) {
        // the dispatcher checked the token; the session may have expired since
        return sessions.find(call.param("sessionId")).orElseThrow(SessionApi::notCurrent);
    }

    private static WebError notCurrent() {
        return HttpError.unauthenticated("the session token is not valid for this session");
    }

    /** {@code checks.user}: {@code {"loginName"}} or {@code {"userId"}}. */
    private PasskeyUser namedUser(JsonNode check) {
        Optional<String> loginName = text(check, "checks.user.loginName").filter(n -> !n.isBlank());
        Optional<String> userId = text(check, "checks.user.userId").filter(n -> !n.isBlank());
        if (loginName.isPresent() == userId.isPresent()) {
            throw HttpError.badField("checks.user needs either loginName or userId");
        }
        Optional<PasskeyUser> user = loginName.isPresent() ? accounts.userByLoginName(loginName.get())
                : accounts.user(userId.get());
        return user.orElseThrow(HttpError::userNotFound);
    }

    private static Optional<UserVerification> userVerification(String value) {
        switch (value) {
            case "":
            case "USER_VERIFICATION_REQUIREMENT_UNSPECIFIED":
                return Optional.empty();
            case "USER_VERIFICATION_REQUIREMENT_REQUIRED":
                return Optional.of(UserVerification.REQUIRED);
            case "USER_VERIFICATION_REQUIREMENT_PREFERRED":
                return Optional.of(UserVerification.PREFERRED);
            case "USER_VERIFICATION_REQUIREMENT_DISCOURAGED":
                return Optional.of(UserVerification.DISCOURAGED);
            default:
                throw HttpError.badField("challenges.webAuthN.userVerificationRequirement must be "
                        + "USER_VERIFICATION_REQUIREMENT_UNSPECIFIED, _REQUIRED, _PREFERRED or _DISCOURAGED");
        }
    }

    /** The field named by the last part of {@code path} in {@code node}, when it is an object; 400 otherwise. */
    private static Optional<JsonNode> object(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw HttpError.badField(path + " must be a JSON object");
        }
        return Optional.of(value);
    }

    /** The field named by the last part of {@code path} in {@code node}, when it is a string; 400 otherwise. */
    private static Optional<String> text(JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw HttpError.badField(path + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
