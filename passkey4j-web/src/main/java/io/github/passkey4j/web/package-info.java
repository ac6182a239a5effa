/**
 * The passkey routes of ZITADEL's Auth API v1 ("me") and User Service v2, framework-free: {@link
 * io.github.passkey4j.web.PasskeyRoutes} lists them, a host's HTTP layer maps each {@link
 * io.github.passkey4j.web.Route} (method, path pattern, who may call it) and hands its handler a
 * {@link io.github.passkey4j.web.RouteCall}: the path parameters, the signed-in user, the request's
 * origin and the JSON body, read with {@link io.github.passkey4j.web.RequestBodies} so that every host
 * bounds and parses bodies alike. The handler answers a value to write as JSON with any Jackson 2 or 3
 * mapper, or throws {@link io.github.passkey4j.PasskeyException} or {@link
 * io.github.passkey4j.web.WebError}, each with its HTTP status and ZITADEL's error body.
 */
package io.github.passkey4j.web;
