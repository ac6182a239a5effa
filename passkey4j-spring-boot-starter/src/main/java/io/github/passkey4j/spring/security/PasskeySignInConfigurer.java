package io.github.passkey4j.spring.security;

import io.github.passkey4j.Passkeys;
import java.util.Objects;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Passkey sign-in for a Spring Security filter chain:
 *
 * <pre>{@code
 * http.with(PasskeySignInConfigurer.passkeySignIn(), Customizer.withDefaults());
 * }</pre>
 *
 * <p>adds {@code POST /passkeys/sign-in/options} ({@link PasskeySignInOptionsFilter}) and
 * {@code POST /passkeys/sign-in} ({@link PasskeySignInFilter}), both behind Spring Security's CSRF
 * protection when it is on. A successful sign-in is a {@link PasskeyAuthenticationToken} saved in
 * the chain's {@code SecurityContextRepository} (the HTTP session by default) after the session
 * authentication strategy ran (a new session id unless the chain says otherwise). The
 * {@link Passkeys} bean and, if there is one, the {@link PasskeyUserDetailsResolver} bean are taken
 * from the application context unless set here.
 */
public final class PasskeySignInConfigurer extends AbstractHttpConfigurer<PasskeySignInConfigurer, HttpSecurity> {

    private String signInUrl = "/passkeys/sign-in";
    private String optionsUrl = "/passkeys/sign-in/options";
    private Passkeys passkeys;
    private PasskeyUserDetailsResolver users;

    private PasskeySignInConfigurer() {
    }

    /** @return a configurer with the default routes */
    public static PasskeySignInConfigurer passkeySignIn() {
        return new PasskeySignInConfigurer();
    }

    /**
     * @param url the sign-in route (default {@code /passkeys/sign-in})
     * @return this
     */
    public PasskeySignInConfigurer signInUrl(String url) {
        this.signInUrl = requirePath(url);
        return this;
    }

    /**
     * @param url the options route (default {@code /passkeys/sign-in/options})
     * @return this
     */
    public PasskeySignInConfigurer optionsUrl(String url) {
        this.optionsUrl = requirePath(url);
        return this;
    }

    /**
     * @param passkeys the library, instead of the application context's bean
     * @return this
     */
    public PasskeySignInConfigurer passkeys(Passkeys passkeys) {
        this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
        return this;
    }

    /**
     * @param users maps signed-in user ids to the host's users, instead of the context's bean
     * @return this
     */
    public PasskeySignInConfigurer userDetailsResolver(PasskeyUserDetailsResolver users) {
        this.users = Objects.requireNonNull(users, "users");
        return this;
    }

    @Override
    public void configure(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        Passkeys library = passkeys != null ? passkeys : context.getBean(Passkeys.class);
        PasskeyUserDetailsResolver resolver = users != null ? users
                : context == null ? null : context.getBeanProvider(PasskeyUserDetailsResolver.class).getIfAvailable();

        PasskeySignInFilter signIn = new PasskeySignInFilter(
                PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, signInUrl),
                new ProviderManager(new PasskeyAuthenticationProvider(library, resolver)));
        SecurityContextRepository repository = http.getSharedObject(SecurityContextRepository.class);
        signIn.setSecurityContextRepository(repository != null ? repository
                : new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
                        new HttpSessionSecurityContextRepository()));
        SessionAuthenticationStrategy sessions = http.getSharedObject(SessionAuthenticationStrategy.class);
        signIn.setSessionAuthenticationStrategy(sessions != null ? sessions : new ChangeSessionIdAuthenticationStrategy());
        PasskeySignInOptionsFilter options = new PasskeySignInOptionsFilter(
                PathPatternRequestMatcher.withDefaults().matcher(org.springframework.http.HttpMethod.POST, optionsUrl),
                library);
        http.addFilterBefore(postProcess(options), AnonymousAuthenticationFilter.class);
        http.addFilterBefore(postProcess(signIn), AnonymousAuthenticationFilter.class);
    }

    private static String requirePath(String url) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("/")) {
            throw new IllegalArgumentException("a route starts with /: " + url);
        }
        return url;
    }
}
