package io.github.passkey4j.spring.boot.internal;

import io.github.passkey4j.spring.boot.PasskeyUserResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * The default {@link PasskeyUserResolver}: the request's principal. Spring Security's request wrapper
 * gives the {@code Authentication} (none for an anonymous one); a {@code PasskeyAuthenticationToken}
 * names its user id, any other principal its name.
 */
public final class PrincipalUserResolver implements PasskeyUserResolver {

    private static final boolean SECURITY = isPresent("org.springframework.security.core.Authentication");

    @Override
    public Optional<String> userId(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            return Optional.empty();
        }
        if (SECURITY) {
            Optional<String> fromSecurity = Security.userId(principal);
            if (fromSecurity != null) {
                return fromSecurity;
            }
        }
        return Optional.ofNullable(principal.getName()).filter(name -> !name.isEmpty());
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, PrincipalUserResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only where Spring Security is. */
    private static final class Security {
        /** @return the user id, empty for nobody, or null when the principal is not Spring Security's */
        @SuppressWarnings("java:S2789")
        static Optional<String> userId(Principal principal) {
            if (principal instanceof io.github.passkey4j.spring.security.PasskeyAuthenticationToken token) {
                return Optional.ofNullable(token.getUserId());
            }
            if (principal instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
                return Optional.empty();
            }
            if (principal instanceof org.springframework.security.core.Authentication authentication
                    && !authentication.isAuthenticated()) {
                return Optional.empty();
            }
            return null;
        }
    }
}
