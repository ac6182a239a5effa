package io.github.passkey4j.spring.security;

import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.spring.boot.PasskeyUsers;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * The README's "Sign-in with Spring Security" configuration, as written there (examples'
 * ReadmeSnippetTest checks that every line of it stands here): the chain builds, other routes need
 * an authentication, the passkey routes answer.
 */
class ReadmeSpringSecurityTest {

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
    static class ReadmeHost {

        @Bean
        Passkeys passkeys() {
            return Passkeys.builder().store(new InMemoryPasskeyStore())
                    .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://example.com")).build();
        }

        @Bean
        AccountRepository accounts() {
            return userId -> User.withUsername(userId).password("{noop}unused").roles("USER").build();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .with(PasskeySignInConfigurer.passkeySignIn(), Customizer.withDefaults())
                    .build();
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

    @Test
    void theReadmesChainGuardsOtherRoutesAndServesThePasskeyOnes() throws Exception {
        try (AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext()) {
            context.setServletContext(new MockServletContext());
            context.register(ReadmeHost.class);
            context.refresh();
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);

            MockHttpServletResponse account = new MockHttpServletResponse();
            chain.doFilter(new MockHttpServletRequest("GET", "/account"), account, new MockFilterChain());
            assertThat(account.getStatus()).isEqualTo(403);

            MockHttpServletRequest get = new MockHttpServletRequest("GET", "/account");
            chain.doFilter(get, new MockHttpServletResponse(), new MockFilterChain());
            String csrf = ((org.springframework.security.web.csrf.CsrfToken) get.getAttribute(
                    org.springframework.security.web.csrf.CsrfToken.class.getName())).getToken();
            MockHttpServletRequest options = new MockHttpServletRequest("POST", "/passkeys/sign-in/options");
            options.setServletPath("/passkeys/sign-in/options");
            options.setSession(get.getSession());
            options.addHeader("X-CSRF-TOKEN", csrf);
            MockHttpServletResponse answer = new MockHttpServletResponse();
            chain.doFilter(options, answer, new MockFilterChain());
            assertThat(answer.getStatus()).isEqualTo(200);
            assertThat(answer.getContentAsString()).contains("\"ceremonyId\"", "\"challenge\"");
            assertThat(context.getBean(PasskeyUsers.class).findById("7")).hasValueSatisfying(
                    u -> assertThat(u.loginName()).isEqualTo("7@example.com"));
        }
    }
}
