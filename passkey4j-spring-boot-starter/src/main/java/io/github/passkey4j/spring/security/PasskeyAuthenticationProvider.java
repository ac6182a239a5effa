package io.github.passkey4j.spring.security;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Authenticates a {@link PasskeyAuthenticationToken} with {@link Passkeys#finishSignIn}: a refused
 * assertion is a {@link BadCredentialsException} whose cause is the {@link PasskeyException} (its
 * reason id, never the assertion, in the message). The authenticated token's principal is the
 * {@link UserDetails} the resolver gives, or the user id without a resolver; its authorities are the
 * user's plus {@code FACTOR_WEBAUTHN} (Spring Security's multi-factor authority for WebAuthn).
 */
public final class PasskeyAuthenticationProvider implements AuthenticationProvider {

    private final Passkeys passkeys;
    private final PasskeyUserDetailsResolver users;
    private final AccountStatusUserDetailsChecker accountChecks = new AccountStatusUserDetailsChecker();

    /**
     * @param passkeys the library
     * @param users maps user ids to the host's users; null to use the user id as principal
     */
    public PasskeyAuthenticationProvider(Passkeys passkeys, PasskeyUserDetailsResolver users) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        PasskeyAuthenticationToken token = (PasskeyAuthenticationToken) authentication;
        Object credentials = token.getCredentials();
        if (credentials == null) {
            throw new BadCredentialsException("no assertion to verify");
        }
        SignInResult result;
        try {
            result = passkeys.finishSignIn((String) token.getPrincipal(), (String) credentials);
        } catch (PasskeyException e) {
            if (e.reason() == ErrorReason.INTERNAL || e.reason() == ErrorReason.STORE_UNAVAILABLE) {
                throw new AuthenticationServiceException(e.reason().id(), e);
            }
            throw new BadCredentialsException(e.reason().id(), e);
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        Object principal = result.userId();
        if (users != null) {
            UserDetails user = users.loadUserByUserId(result.userId());
            if (user == null) {
                throw new AuthenticationServiceException("the user resolver returned null for a signed-in user");
            }
            accountChecks.check(user);
            principal = user;
            authorities.addAll(user.getAuthorities());
        }
        authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
        PasskeyAuthenticationToken authenticated = PasskeyAuthenticationToken.authenticated(principal,
                result.userId(), result.passkeyId(), result.userVerified(), authorities);
        authenticated.setDetails(token.getDetails());
        return authenticated;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PasskeyAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
