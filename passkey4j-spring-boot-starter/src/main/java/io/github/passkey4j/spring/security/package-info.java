/**
 * Spring Security integration: a passkey sign-in becomes an {@code Authentication}
 * ({@link io.github.passkey4j.spring.security.PasskeyAuthenticationToken}) stored in the
 * application's {@code SecurityContextRepository}. Add it with
 * {@code http.with(PasskeySignInConfigurer.passkeySignIn(), Customizer.withDefaults())}.
 */
package io.github.passkey4j.spring.security;
