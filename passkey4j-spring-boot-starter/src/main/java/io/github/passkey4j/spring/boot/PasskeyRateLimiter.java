package io.github.passkey4j.spring.boot;

import io.github.passkey4j.web.RateLimits;
import io.github.passkey4j.web.WebError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rate limit of the passkey routes a caller may use without signing in: adding and verifying a
 * passkey with a registration code ({@code POST /v2/users/{userId}/passkeys} and
 * {@code POST /v2/users/{userId}/passkeys/{passkeyId}} without credentials). A call that carries
 * credentials (a signed-in user, or an {@code Authorization} header, which is checked instead) is not
 * counted.
 *
 * <p>The starter's default ({@code passkey4j.web.rate-limit.*}) is {@link RateLimits} keyed on
 * {@link HttpServletRequest#getRemoteAddr()}: 300 calls a minute per client address, 100 failed
 * attempts a minute per address and 10 per user. Behind a proxy, set Spring Boot's
 * {@code server.forward-headers-strategy} so that the remote address is the client's. A host replaces
 * it with a bean of its own: to share one budget with its own sign-up and sign-in routes
 * ({@link #of(RateLimits, Function)} on the same {@code RateLimits}), or to count in a store shared by
 * its nodes.
 */
public interface PasskeyRateLimiter {

    /**
     * Called once the route is found and its body is not too large, before the credentials, the body
     * and the handler are looked at.
     *
     * @param request the request
     * @param name what failed attempts are counted under beside the address: the path's user
     *     ({@code PasskeyRoutes.codeLimitName})
     * @throws WebError a 429 to refuse the call (with {@code Retry-After})
     */
    void check(HttpServletRequest request, String name);

    /**
     * Called after a checked call was answered with a 4xx other than 429: a failed attempt.
     *
     * @param request the request
     * @param name what failed attempts are counted under beside the address
     */
    void failed(HttpServletRequest request, String name);

    /** @return a limiter that lets every call through ({@code passkey4j.web.rate-limit.enabled=false}) */
    static PasskeyRateLimiter unlimited() {
        return new PasskeyRateLimiter() {
            @Override
            public void check(HttpServletRequest request, String name) {
                // no limit
            }

            @Override
            public void failed(HttpServletRequest request, String name) {
                // not counted
            }
        };
    }

    /**
     * @param limits the limits, possibly shared with the host's own routes
     * @param clientAddress the address a request is counted under
     * @return a limiter on them
     */
    static PasskeyRateLimiter of(RateLimits limits, Function<HttpServletRequest, String> clientAddress) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clientAddress, "clientAddress");
        return new PasskeyRateLimiter() {
            @Override
            public void check(HttpServletRequest request, String name) {
                limits.check(clientAddress.apply(request), Optional.of(name));
            }

            @Override
            public void failed(HttpServletRequest request, String name) {
                limits.failed(clientAddress.apply(request), Optional.of(name));
            }
        };
    }
}
