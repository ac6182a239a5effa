package io.github.passkey4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.spring.boot.PasskeyAutoConfiguration;
import io.github.passkey4j.spring.boot.PasskeyUsers;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The README's "Sign-in with Spring Security" configuration, as written there (examples'
 * ReadmeSnippetTest checks that every line of it stands here), in a Spring Boot application with the
 * starter: the chain builds, other routes need an authentication, and the passkey routes answer though
 * the chain never names them (the starter's {@code Customizer<HttpSecurity>}, which Spring Security 7
 * applies to every chain); {@code passkey4j.security.enabled=false} leaves them out, and a chain that
 * applies the configurer itself keeps its own routes.
 */
class ReadmeSpringSecurityTest {

    /*
     * Spring Boot's WebApplicationContextRunner (a servlet application context with the auto-configuration
     * and the properties), not @SpringBootTest: Spring Framework 7's SpringExtension calls JUnit Jupiter 6's
     * ExtensionContext.Store API, and the build tests on JUnit 5.14.
     */
    private final WebApplicationContextRunner host = new WebApplicationContextRunner().withPropertyValues(
            "passkey4j.rp.id=example.com", "passkey4j.rp.name=Example", "passkey4j.rp.origins=https://example.com");

    /** The host's own account lookup of the README. */
    interface AccountRepository {
        UserDetails userDetailsById(String userId);

        default java.util.Optional<Account> findById(String id) {
            return java.util.Optional.of(new Account(id, id + "@example.com", "User " + id, "org"));
        }
    }

    /** The host's own account of the README. */
    record Account(String id, String email, String name, String organisation) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration(PasskeyAutoConfiguration.class)
    static class ReadmeHost {

        @Bean
        AccountRepository accounts() {
            return userId -> User.withUsername(userId).password("{noop}unused").roles("USER").build();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).build();
        }

        @Bean
        PasskeyUsers users(AccountRepository accounts) {
            return id -> accounts.findById(id).map(a -> new PasskeyUser(a.id(), a.email(), a.name(), a.organisation()));
        }

        @Bean   // optional: your principal and authorities for a signed-in user id
        PasskeyUserDetailsResolver passkeyUsers(AccountRepository accounts) {
            return userId -> accounts.userDetailsById(userId);
        }
    }

    /** The README's chain that names its own sign-in routes. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration(PasskeyAutoConfiguration.class)
    static class OwnRoutesHost {

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .with(PasskeySignInConfigurer.passkeySignIn().optionsUrl("/login/passkey/options")
                            .signInUrl("/login/passkey"), Customizer.withDefaults())
                    .build();
        }
    }

    /** @return the answer to a sign-in options request with the session's CSRF token */
    private static MockHttpServletResponse options(Filter chain, String path) throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/account");
        chain.doFilter(get, new MockHttpServletResponse(), new MockFilterChain());
        String csrf = ((org.springframework.security.web.csrf.CsrfToken) get.getAttribute(
                org.springframework.security.web.csrf.CsrfToken.class.getName())).getToken();
        MockHttpServletRequest options = new MockHttpServletRequest("POST", path);
        options.setServletPath(path);
        options.setSession(get.getSession());
        options.addHeader("X-CSRF-TOKEN", csrf);
        MockHttpServletResponse answer = new MockHttpServletResponse();
        chain.doFilter(options, answer, new MockFilterChain());
        return answer;
    }

    @Test
    void theReadmesChainGuardsOtherRoutesAndServesThePasskeyOnes() {
        host.withUserConfiguration(ReadmeHost.class).run(context -> {
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
            MockHttpServletResponse account = new MockHttpServletResponse();
            chain.doFilter(new MockHttpServletRequest("GET", "/account"), account, new MockFilterChain());
            assertThat(account.getStatus()).isEqualTo(403);

            MockHttpServletResponse answer = options(chain, "/passkeys/sign-in/options");
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("\"ceremonyId\"", "\"challenge\"");
            assertThat(context.getBean(PasskeyUsers.class).findById("7")).hasValueSatisfying(
                    u -> assertThat(u.loginName()).isEqualTo("7@example.com"));
        });
    }

    @Test
    void withPasskeySecurityOffTheChainHasNoPasskeyRoutes() {
        host.withUserConfiguration(ReadmeHost.class).withPropertyValues("passkey4j.security.enabled=false")
                .run(off -> {
                    assertThat(off).doesNotHaveBean("passkeySignInHttpSecurityCustomizer");
                    Filter chain = off.getBean("springSecurityFilterChain", Filter.class);
                    assertThat(options(chain, "/passkeys/sign-in/options").getStatus()).as("not a route: authenticated()")
                            .isEqualTo(403);
                });
    }

    @Test
    void aChainThatAppliesTheConfigurerItselfKeepsItsOwnRoutes() {
        host.withUserConfiguration(OwnRoutesHost.class)
                .run(own -> {
                    assertThat(own).hasBean("passkeySignInHttpSecurityCustomizer");
                    Filter chain = own.getBean("springSecurityFilterChain", Filter.class);
                    assertThat(options(chain, "/login/passkey/options").getStatus()).isEqualTo(200);
                    assertThat(options(chain, "/passkeys/sign-in/options").getStatus()).as("the default routes are gone")
                            .isEqualTo(403);
                });
    }
}
