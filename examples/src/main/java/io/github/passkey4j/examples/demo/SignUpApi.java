package io.github.passkey4j.examples.demo;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's own sign-up, {@code POST /demo/users {"loginName", "displayName", "password"}} -> {@code
 * {"userId", "resourceOwner", "sessionToken"}} (the password optional), its password sign-in, {@code POST
 * /demo/sign-in/password {"loginName", "password"}} -> the same shape (401 when wrong), after which the page
 * may upgrade the user to a passkey without a dialog (conditional create), and sign-out, {@code POST /demo/sign-out {}} -> {@code {}}, which
 * revokes whatever bearer it is given (a sign-up's token or a sign-in session's): a host has its own
 * users and sessions and skips this part.
 */
final class SignUpApi {

    private final DemoAccounts accounts;
    private final SignInSessions sessions;

    SignUpApi(DemoAccounts accounts, SignInSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    /** Adds the routes to the router. */
    void routes(Router<Endpoint> router) {
        router.add("POST", "/demo/users", new Endpoint(Endpoint.Access.PUBLIC,
                call -> accounts.signUp(call.string("loginName").orElse(null), call.string("displayName"),
                        call.string("password")),
                (params, body) -> loginName(body)))
                .add("POST", "/demo/sign-in/password", new Endpoint(Endpoint.Access.PUBLIC,
                        call -> accounts.signInWithPassword(call.string("loginName").orElse(null),
                                call.string("password").orElse(null)),
                        (params, body) -> loginName(body)))
                .add("POST", "/demo/sign-out", new Endpoint(Endpoint.Access.ANY_TOKEN, this::signOut));
    }

    private Object signOut(Call call) {
        String token = call.sessionToken();
        boolean signUp = accounts.revoke(token);
        boolean signIn = sessions.revoke(token);
        if (!signUp && !signIn) {
            throw HttpError.unauthenticated("the session token is not valid");
        }
        return Map.of();
    }

    /** The rate limit's name of a sign-up: its login name, as compared (case-insensitively). */
    static Optional<String> loginName(com.fasterxml.jackson.databind.JsonNode body) {
        if (body == null || !body.path("loginName").isTextual()) {
            return Optional.empty();
        }
        return Optional.of("login:" + body.get("loginName").asText().strip().toLowerCase(Locale.ROOT));
    }
}
