package io.github.passkey4j.examples.demo;

import io.github.passkey4j.PasskeyEndpoints;
import io.github.passkey4j.RelyingPartyConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The well-known documents of {@code shared/API.md} (WebAuthn Level 3 additions), GET and HEAD, no
 * bearer: {@code /.well-known/webauthn} (the related origins; 404 when there are none) and
 * {@code /.well-known/passkey-endpoints} (where password managers send a user to add and manage
 * passkeys).
 */
final class WellKnownApi {

    private final RelyingPartyConfig relyingParty;
    private final PasskeyEndpoints endpoints;

    WellKnownApi(RelyingPartyConfig relyingParty, PasskeyEndpoints endpoints) {
        this.relyingParty = relyingParty;
        this.endpoints = endpoints;
    }

    /** Adds the routes to the router. */
    void routes(Router<Endpoint> router) {
        for (String method : new String[] {"GET", "HEAD"}) {
            router.add(method, RelyingPartyConfig.RELATED_ORIGINS_PATH, new Endpoint(Endpoint.Access.PUBLIC,
                    call -> relyingParty.relatedOriginsDocument()
                            .map(json -> new Endpoint.Resource("application/json", json.getBytes(StandardCharsets.UTF_8)))
                            .orElseThrow(HttpError::notFound)))
                    .add(method, PasskeyEndpoints.PATH, new Endpoint(Endpoint.Access.PUBLIC,
                            call -> Map.of("enroll", endpoints.enroll(), "manage", endpoints.manage())));
        }
    }
}
