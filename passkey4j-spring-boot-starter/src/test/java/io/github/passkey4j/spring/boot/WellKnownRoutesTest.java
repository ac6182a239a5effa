package io.github.passkey4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

/** /.well-known/webauthn and /.well-known/passkey-endpoints in a Spring MVC application. */
class WellKnownRoutesTest {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class))
            .withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example",
                    "passkey4j.rp.origins=https://example.com");

    private static MockHttpServletResponse fetch(RouterFunction<?> routes, String path) throws Exception {
        MockMvc mvc = MockMvcBuilders.routerFunctions(routes).build();
        return mvc.perform(get(path)).andReturn().getResponse();
    }

    @Test
    void theDocumentsAreServedFromTheProperties() {
        web.withPropertyValues("passkey4j.rp.related-origins=https://example.co.uk",
                "passkey4j.endpoints.enroll=https://example.com/passkeys/new",
                "passkey4j.endpoints.manage=https://example.com/passkeys").run(context -> {
                    RouterFunction<?> routes = context.getBean("passkeyWellKnownRoutes", RouterFunction.class);
                    MockHttpServletResponse related = fetch(routes, "/.well-known/webauthn");
                    assertThat(related.getStatus()).isEqualTo(200);
                    assertThat(related.getContentType()).startsWith("application/json");
                    assertThat(related.getContentAsString()).isEqualTo("{\"origins\":[\"https://example.co.uk\"]}");
                    MockHttpServletResponse endpoints = fetch(routes, "/.well-known/passkey-endpoints");
                    assertThat(endpoints.getContentAsString()).isEqualTo(
                            "{\"enroll\":\"https://example.com/passkeys/new\",\"manage\":\"https://example.com/passkeys\"}");
                });
    }

    @Test
    void withoutThemBothAre404() {
        web.run(context -> {
            RouterFunction<?> routes = context.getBean("passkeyWellKnownRoutes", RouterFunction.class);
            assertThat(fetch(routes, "/.well-known/webauthn").getStatus()).isEqualTo(404);
            assertThat(fetch(routes, "/.well-known/passkey-endpoints").getStatus()).isEqualTo(404);
        });
    }

    @Test
    void anInsecureEndpointIsNamedAtStartup() {
        web.withPropertyValues("passkey4j.endpoints.enroll=http://example.com/new",
                "passkey4j.endpoints.manage=https://example.com/").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new PasskeyPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                            .contains("'passkey4j.endpoints.enroll'");
                });
    }

    @Test
    void outsideAWebApplicationThereAreNoRoutes() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class))
                .withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example",
                        "passkey4j.rp.origins=https://example.com")
                .run(context -> assertThat(context).doesNotHaveBean("passkeyWellKnownRoutes"));
    }
}
