package io.github.passkey4j.spring.boot;

import io.github.passkey4j.PasskeyUser;
import java.util.Optional;

/**
 * The host's users, as the library needs them: the one bean a host writes to get the passkey routes
 * ({@code passkey4j.web.*}) and the {@code currentUserDetails} signal after a sign-in.
 *
 * <pre>{@code
 * @Bean
 * PasskeyUsers passkeyUsers(AccountRepository accounts) {
 *     return id -> accounts.findById(id).map(a -> new PasskeyUser(a.id(), a.email(), a.name(), a.organisation()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface PasskeyUsers {

    /**
     * @param userId a user id (the signed-in user's, or the path's for a registration code)
     * @return the user, when it exists
     */
    Optional<PasskeyUser> findById(String userId);
}
