package io.github.passkey4j.examples.demo;

/**
 * The demo's own sign-up, {@code POST /demo/users {"loginName", "displayName"}} -> {@code {"userId",
 * "resourceOwner", "sessionToken"}}: a host has its own users and sessions and skips this part.
 */
final class SignUpApi {

    private final DemoAccounts accounts;

    SignUpApi(DemoAccounts accounts) {
        this.accounts = accounts;
    }

    /** Adds the route to the router. */
    void routes(Router<Endpoint> router) {
        router.add("POST", "/demo/users", new Endpoint(Endpoint.Access.PUBLIC,
                call -> accounts.signUp(call.string("loginName").orElse(null), call.string("displayName"))));
    }
}
