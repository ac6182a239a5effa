package io.github.passkey4j.spring.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * {@code POST} of {@code {"ceremonyId": "...", "credential": {...}}}, the browser's answer to the
 * options of {@link PasskeySignInOptionsFilter}: authenticates it with the
 * {@link PasskeyAuthenticationProvider} and, on success, goes through Spring Security's usual
 * steps (session authentication strategy, by default a new session id; the security context saved
 * in the repository; remember-me; the success event) and answers {@code 200}
 * {@code {"userId": "...", "passkeyId": "...", "userVerified": true}}. A refusal answers the
 * ZITADEL error body with its status (400 for a refused assertion), or 401 with
 * {@value #ACCOUNT_REFUSED} when the account is disabled, locked or expired.
 */
public final class PasskeySignInFilter extends AbstractAuthenticationProcessingFilter {

    /** The reason id when the host's account checks (disabled, locked, expired) refuse the user. */
    public static final String ACCOUNT_REFUSED = "PASSKEY-ACCOUNT-REFUSED";

    /**
     * @param matcher the sign-in route
     * @param authenticationManager authenticates {@link PasskeyAuthenticationToken}s
     */
    public PasskeySignInFilter(RequestMatcher matcher, AuthenticationManager authenticationManager) {
        super(matcher, authenticationManager);
        setAuthenticationSuccessHandler((request, response, authentication) -> {
            PasskeyAuthenticationToken token = (PasskeyAuthenticationToken) authentication;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", token.getUserId());
            body.put("passkeyId", token.getPasskeyId());
            body.put("userVerified", token.isUserVerified());
            JsonExchange.write(response, 200, JsonExchange.JSON.writeValueAsString(body));
        });
        setAuthenticationFailureHandler((request, response, failure) -> {
            PasskeyException cause = passkeyCause(failure);
            if (cause != null) {
                JsonExchange.writeError(response, cause);
            } else {
                // the passkey was verified, but the host's account checks refused the user
                JsonExchange.write(response, PasskeyException.Code.UNAUTHENTICATED.httpStatus(),
                        JsonExchange.JSON.writeValueAsString(ErrorBody.of(PasskeyException.Code.UNAUTHENTICATED,
                                ACCOUNT_REFUSED, "the account cannot sign in")));
            }
        });
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException, IOException {
        if (!"POST".equals(request.getMethod())) {
            throw new PasskeyRequestException(new PasskeyException(ErrorReason.ARGUMENT_INVALID, "use POST"));
        }
        JsonNode body;
        try {
            body = JsonExchange.readObject(request);
        } catch (PasskeyException e) {
            throw new PasskeyRequestException(e);
        }
        JsonNode ceremonyId = body.get("ceremonyId");
        JsonNode credential = body.get("credential");
        if (ceremonyId == null || !ceremonyId.isTextual() || ceremonyId.asText().isEmpty()
                || ceremonyId.asText().length() > 128 || credential == null || !credential.isObject()) {
            throw new PasskeyRequestException(new PasskeyException(ErrorReason.ARGUMENT_INVALID,
                    "the body must be {\"ceremonyId\": \"...\", \"credential\": {...}}"));
        }
        PasskeyAuthenticationToken token = PasskeyAuthenticationToken.unauthenticated(ceremonyId.asText(),
                JsonExchange.JSON.writeValueAsString(credential));
        token.setDetails(authenticationDetailsSource.buildDetails(request));
        return getAuthenticationManager().authenticate(token);
    }

    private static PasskeyException passkeyCause(AuthenticationException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PasskeyException e) {
                return e;
            }
        }
        return null;
    }

    /** A malformed request, refused before any verification, with the reason the client is told. */
    static final class PasskeyRequestException extends AuthenticationServiceException {
        private static final long serialVersionUID = 1L;

        PasskeyRequestException(PasskeyException cause) {
            super(cause.reason().id(), cause);
        }
    }
}
