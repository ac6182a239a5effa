package io.github.passkey4j.spring.security;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Maps the id of a user who signed in with a passkey (the id the host gave passkey4j in
 * {@code PasskeyUser}) to the host's {@link UserDetails}: its principal and authorities. A disabled,
 * locked or expired account is refused after the passkey was verified, as Spring Security does
 * for passwords.
 */
@FunctionalInterface
public interface PasskeyUserDetailsResolver {

    /**
     * @param userId the signed-in user's id
     * @return the user's details
     * @throws UsernameNotFoundException when the host no longer knows the user
     */
    UserDetails loadUserByUserId(String userId);
}
