package io.github.passkey4j.spring.security;

import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST} to the options route begins a usernameless sign-in and answers
 * {@code {"ceremonyId": "...", "publicKey": {...}}}: the request options for
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON}, also fit for conditional UI (autofill).
 * A POST, so that Spring Security's CSRF protection covers it like the sign-in itself.
 */
public final class PasskeySignInOptionsFilter extends OncePerRequestFilter {

    private final RequestMatcher matcher;
    private final Passkeys passkeys;

    /**
     * @param matcher the options route
     * @param passkeys the library
     */
    public PasskeySignInOptionsFilter(RequestMatcher matcher, Passkeys passkeys) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!matcher.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
            JsonExchange.write(response, 200, "{\"ceremonyId\":" + JsonExchange.JSON.writeValueAsString(
                    challenge.ceremonyId()) + ",\"publicKey\":" + challenge.publicKeyCredentialRequestOptions() + "}");
        } catch (PasskeyException e) {
            JsonExchange.writeError(response, e);
        }
    }
}
