package io.github.passkey4j.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who is signed in, for the passkey routes: by default the request's principal (Spring Security's
 * {@code Authentication}; a {@code PasskeyAuthenticationToken} gives its user id, any other principal
 * its name). A host whose principal's name is not the user id replaces this bean.
 */
@FunctionalInterface
public interface PasskeyUserResolver {

    /**
     * @param request the request
     * @return the signed-in user's id, or empty when nobody is signed in
     */
    Optional<String> userId(HttpServletRequest request);

    /**
     * @param request a request whose user {@link #userId} did not find
     * @return what the 401 tells the caller
     */
    default String whyNotSignedIn(HttpServletRequest request) {
        return "sign in first: the passkey routes act on the signed-in user's passkeys";
    }
}
