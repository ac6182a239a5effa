package io.github.passkey4j.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;

/**
 * Spring Security's real filter chain (CSRF, session fixation protection, security context
 * repository) with the configurer, driven with servlet requests; the software authenticator plays
 * the browser.
 */
class PasskeySignInConfigurerTest {

    static final String ORIGIN = "http://localhost:8080";
    static final ObjectMapper JSON = new ObjectMapper();

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Host {
        @Bean
        Passkeys passkeys() {
            return Passkeys.builder().store(new InMemoryPasskeyStore())
                    .relyingParty(RelyingPartyConfig.of("localhost", "Test", ORIGIN)).build();
        }

        @Bean
        PasskeyUserDetailsResolver users() {
            return userId -> User.withUsername("name-of-" + userId).password("{noop}unused").roles("ADMIN")
                    .disabled(userId.startsWith("disabled")).build();
        }

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .with(PasskeySignInConfigurer.passkeySignIn(), Customizer.withDefaults());
            return http.build();
        }
    }

    private AnnotationConfigWebApplicationContext context;
    private Filter chain;
    private Passkeys passkeys;
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
    private final MockHttpSession session = new MockHttpSession();

    @BeforeEach
    void start() {
        context = new AnnotationConfigWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.register(Host.class);
        context.refresh();
        chain = context.getBean("springSecurityFilterChain", Filter.class);
        passkeys = context.getBean(Passkeys.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private void register(String userId) {
        PasskeyUser user = PasskeyUser.of(userId, userId + "@example.com", "org-1");
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(userId, added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Key");
    }

    private MockHttpServletResponse perform(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        chain.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private String csrf() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/");
        get.setSession(session);
        perform(get);
        return ((CsrfToken) get.getAttribute(CsrfToken.class.getName())).getToken();
    }

    private MockHttpServletRequest post(String path, String body, String csrf) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setServletPath(path);
        request.setSession(session);
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        if (csrf != null) {
            request.addHeader("X-CSRF-TOKEN", csrf);
        }
        return request;
    }

    private JsonNode options(String csrf) throws Exception {
        MockHttpServletResponse response = perform(post("/passkeys/sign-in/options", "{}", csrf));
        assertThat(response.getStatus()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString());
    }

    private String signInBody(JsonNode options, Options browser) throws Exception {
        String assertion = authenticator.get(JSON.writeValueAsString(options.get("publicKey")), browser);
        return "{\"ceremonyId\":" + JSON.writeValueAsString(options.get("ceremonyId").asText()) + ",\"credential\":"
                + assertion + "}";
    }

    private SecurityContext savedContext(MockHttpServletRequest request) {
        return (SecurityContext) request.getSession().getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    }

    @Test
    void aSignInIsAnAuthenticationInTheSessionWithANewSessionId() throws Exception {
        register("1001");
        String csrf = csrf();
        String before = session.getId();
        JsonNode options = options(csrf);
        MockHttpServletRequest request = post("/passkeys/sign-in", signInBody(options, Options.from(ORIGIN)), csrf);
        MockHttpServletResponse response = perform(request);

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.get("userId").asText()).isEqualTo("1001");
        assertThat(body.get("userVerified").asBoolean()).isTrue();
        assertThat(request.getSession().getId()).isNotEqualTo(before);
        PasskeyAuthenticationToken token = (PasskeyAuthenticationToken) savedContext(request).getAuthentication();
        assertThat(token.isAuthenticated()).isTrue();
        assertThat(token.getUserId()).isEqualTo("1001");
        assertThat(token.getPasskeyId()).isEqualTo(body.get("passkeyId").asText());
        assertThat(token.getCredentials()).isNull();
        assertThat(((UserDetails) token.getPrincipal()).getUsername()).isEqualTo("name-of-1001");
        assertThat(token.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_ADMIN", "FACTOR_WEBAUTHN");
    }

    @Test
    void withoutTheCsrfTokenNeitherRouteAnswers() throws Exception {
        register("1002");
        JsonNode options = options(csrf());
        assertThat(perform(post("/passkeys/sign-in/options", "{}", null)).getStatus()).isEqualTo(403);
        MockHttpServletRequest request = post("/passkeys/sign-in", signInBody(options, Options.from(ORIGIN)), null);
        assertThat(perform(request).getStatus()).isEqualTo(403);
        assertThat(savedContext(request)).isNull();
    }

    @Test
    void aForgedAssertionIsTheLibrarysRefusalAndNoAuthentication() throws Exception {
        register("1003");
        String csrf = csrf();
        MockHttpServletRequest request = post("/passkeys/sign-in",
                signInBody(options(csrf), Options.from(ORIGIN).flipSignatureBit()), csrf);
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("PASSKEY-SIGNATURE-INVALID");
        assertThat(savedContext(request)).isNull();
    }

    @Test
    void anAssertionFromAnotherOriginIsRefused() throws Exception {
        register("1004");
        String csrf = csrf();
        MockHttpServletResponse response = perform(post("/passkeys/sign-in",
                signInBody(options(csrf), Options.from("https://evil.example")), csrf));
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("PASSKEY-ORIGIN-NOT-ALLOWED");
    }

    @Test
    void aDisabledAccountIs401AfterTheVerifiedPasskey() throws Exception {
        register("disabled-1005");
        String csrf = csrf();
        MockHttpServletRequest request = post("/passkeys/sign-in", signInBody(options(csrf), Options.from(ORIGIN)), csrf);
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains(PasskeySignInFilter.ACCOUNT_REFUSED);
        assertThat(savedContext(request)).isNull();
    }

    @Test
    void malformedBodiesAre400WithAReason() throws Exception {
        String csrf = csrf();
        MockHttpServletResponse notJson = perform(post("/passkeys/sign-in", "{not json", csrf));
        assertThat(notJson.getStatus()).isEqualTo(400);
        assertThat(notJson.getContentAsString()).contains("PASSKEY-JSON-MALFORMED");

        MockHttpServletResponse missing = perform(post("/passkeys/sign-in", "{\"ceremonyId\": 7}", csrf));
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentAsString()).contains("PASSKEY-ARGUMENT-INVALID");

        String huge = "{\"ceremonyId\":\"x\",\"credential\":{\"id\":\"" + "a".repeat(70_000) + "\"}}";
        MockHttpServletResponse tooLarge = perform(post("/passkeys/sign-in", huge, csrf));
        assertThat(tooLarge.getStatus()).isEqualTo(400);
        assertThat(tooLarge.getContentAsString()).contains("PASSKEY-CREDENTIAL-TOO-LARGE");

        MockHttpServletResponse unknownCeremony = perform(post("/passkeys/sign-in",
                "{\"ceremonyId\":\"no-such\",\"credential\":{}}", csrf));
        assertThat(unknownCeremony.getStatus()).isBetween(400, 404);
        assertThat(JSON.readTree(unknownCeremony.getContentAsString()).get("details").get(0).get("id").asText())
                .startsWith("PASSKEY-");
    }
}
