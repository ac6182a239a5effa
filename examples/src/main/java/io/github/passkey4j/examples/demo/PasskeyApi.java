package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.PasskeyRoutes;
import io.github.passkey4j.web.Route;
import io.github.passkey4j.web.RouteCall;
import java.util.Optional;

/**
 * The passkey endpoints of ZITADEL's Auth API v1 ("me") and User Service v2: the library's
 * framework-free {@link PasskeyRoutes} (module passkey4j-web, which the Spring Boot starter serves
 * too), mapped onto the demo's router. A route that takes a registration code instead of a bearer is
 * rate limited without one, its failures counted for the path's user.
 */
final class PasskeyApi {

    private final PasskeyRoutes routes;

    PasskeyApi(PasskeyRoutes routes) {
        this.routes = routes;
    }

    /** Adds the routes to the router. */
    void routes(Router<Endpoint> router) {
        for (Route route : routes.routes()) {
            boolean userOnly = route.access() == Route.Access.USER;
            Endpoint.Limit limit = userOnly ? Endpoint.Limit.NONE
                    : (params, body) -> Optional.of(routes.codeLimitName(params.get("userId")));
            router.add(route.method(), route.pattern(), new Endpoint(
                    userOnly ? Endpoint.Access.USER : Endpoint.Access.USER_OR_CODE,
                    call -> route.handler().handle(new RouteCall(call.params(),
                            call.signedIn() ? Optional.of(call.userId()) : Optional.empty(), call.origin(), call.body())),
                    limit));
        }
    }
}
