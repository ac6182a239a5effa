package io.github.passkey4j.spring.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.PasskeyUser;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;

/** The starter's passkey routes in a web application of two users, and the requests the route tests send them. */
final class RoutesFixture {

    static final String ORIGIN = "https://example.com";
    static final ObjectMapper JSON = new ObjectMapper();
    static final PasskeyUser ALICE = new PasskeyUser("1001", "alice@acme.test", "Alice", "org");
    static final PasskeyUser BOB = new PasskeyUser("1002", "bob@acme.test", "Bob", "org");

    private RoutesFixture() {
    }

    /** @return the auto-configuration with the three {@code passkey4j.rp.*} properties and Alice and Bob */
    static WebApplicationContextRunner web() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class))
                .withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example",
                        "passkey4j.rp.origins=" + ORIGIN)
                .withBean(PasskeyUsers.class, () -> id -> Optional.ofNullable(Map.of(ALICE.id(), ALICE, BOB.id(), BOB).get(id)));
    }

    static MockMvc mvc(ApplicationContext context) {
        return MockMvcBuilders.routerFunctions(context.getBean("passkeyWebRoutes", RouterFunction.class)).build();
    }

    static Principal as(String userId) {
        return () -> userId;
    }

    /** Sends the request from {@link #ORIGIN}, as {@code user} (or nobody), with the body as JSON (or none). */
    static MockHttpServletResponse send(MockMvc mvc, MockHttpServletRequestBuilder request, Principal user, Object body)
            throws Exception {
        if (user != null) {
            request.principal(user);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        return mvc.perform(request.header("Origin", ORIGIN)).andReturn().getResponse();
    }

    static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString());
    }
}
