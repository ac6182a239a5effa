package io.github.passkey4j.spring.security;

import java.io.Serial;
import java.util.Collection;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A passkey sign-in: before authentication, the ceremony id and the browser's assertion; after, the
 * host's principal for the signed-in user, the passkey used and whether the authenticator verified
 * the user. The assertion is erased once authenticated; nothing here is secret afterwards.
 */
public final class PasskeyAuthenticationToken extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The ceremony id before authentication, the host's principal after. */
    private final Object principal;
    /** The assertion JSON before authentication, null after. */
    private String assertionJson;
    /** The signed-in user's id, null before authentication. */
    private final String userId;
    /** The passkey's id, null before authentication. */
    private final String passkeyId;
    /** Whether the authenticator verified the user; false before authentication. */
    private final boolean userVerified;

    private PasskeyAuthenticationToken(String ceremonyId, String assertionJson) {
        super((Collection<? extends GrantedAuthority>) null);
        this.principal = Objects.requireNonNull(ceremonyId, "ceremonyId");
        this.assertionJson = Objects.requireNonNull(assertionJson, "assertionJson");
        this.userId = null;
        this.passkeyId = null;
        this.userVerified = false;
        setAuthenticated(false);
    }

    private PasskeyAuthenticationToken(Object principal, String userId, String passkeyId, boolean userVerified,
            Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.principal = Objects.requireNonNull(principal, "principal");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.passkeyId = Objects.requireNonNull(passkeyId, "passkeyId");
        this.userVerified = userVerified;
        super.setAuthenticated(true);
    }

    /**
     * @param ceremonyId the sign-in ceremony the browser answers
     * @param assertionJson the browser's {@code PublicKeyCredential} as JSON
     * @return a token to authenticate
     */
    public static PasskeyAuthenticationToken unauthenticated(String ceremonyId, String assertionJson) {
        return new PasskeyAuthenticationToken(ceremonyId, assertionJson);
    }

    /**
     * @param principal the host's principal for the user (a {@code UserDetails}, or the user id)
     * @param userId the signed-in user's id
     * @param passkeyId the passkey used
     * @param userVerified whether the authenticator verified the user
     * @param authorities the user's authorities
     * @return an authenticated token
     */
    public static PasskeyAuthenticationToken authenticated(Object principal, String userId, String passkeyId,
            boolean userVerified, Collection<? extends GrantedAuthority> authorities) {
        return new PasskeyAuthenticationToken(principal, userId, passkeyId, userVerified, authorities);
    }

    /** @return the ceremony id before authentication, the host's principal after */
    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** @return the assertion JSON before authentication, null after (erased) */
    @Override
    public Object getCredentials() {
        return assertionJson;
    }

    /** @return the signed-in user's id, null before authentication */
    public String getUserId() {
        return userId;
    }

    /** @return the passkey's id, null before authentication */
    public String getPasskeyId() {
        return passkeyId;
    }

    /** @return whether the authenticator verified the user (false before authentication) */
    public boolean isUserVerified() {
        return userVerified;
    }

    /** @return the user id once authenticated (so that {@code getName()} never shows an assertion) */
    @Override
    public String getName() {
        return userId != null ? userId : super.getName();
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated) {
            throw new IllegalArgumentException("use PasskeyAuthenticationToken.authenticated(...)");
        }
        super.setAuthenticated(false);
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        assertionJson = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasskeyAuthenticationToken other && super.equals(o)
                && Objects.equals(userId, other.userId) && Objects.equals(passkeyId, other.passkeyId)
                && userVerified == other.userVerified;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), userId, passkeyId, userVerified);
    }
}
