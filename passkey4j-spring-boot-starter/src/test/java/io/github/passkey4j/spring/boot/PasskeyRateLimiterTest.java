package io.github.passkey4j.spring.boot;

import static io.github.passkey4j.spring.boot.RoutesFixture.as;
import static io.github.passkey4j.spring.boot.RoutesFixture.json;
import static io.github.passkey4j.spring.boot.RoutesFixture.mvc;
import static io.github.passkey4j.spring.boot.RoutesFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesFailureAnalyzer;
import io.github.passkey4j.web.RateLimits;
import io.github.passkey4j.web.WebError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The rate limit of the passkey calls without credentials (a registration code instead of a
 * signed-in user): the default {@link PasskeyRateLimiter} from {@code passkey4j.web.rate-limit.*}, the
 * contract's order (413 before 429 before 401), off by a property, replaced by a host's bean.
 */
class PasskeyRateLimiterTest {

    private static final Map<String, Object> WRONG_CODE = Map.of("code", Map.of("id", "914569265367089152", "code", "WRONG"));

    private final WebApplicationContextRunner web = RoutesFixture.web();

    private static void assertLimited(MockHttpServletResponse r, String id) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(429);
        assertThat(json(r).get("code").asInt()).isEqualTo(8);
        assertThat(json(r).at("/details/0/id").asText()).isEqualTo(id);
        assertThat(Long.parseLong(r.getHeader("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void theDefaultPropertiesAreTheLimitsTheJdkDemoUses() {
        assertThat(new PasskeyProperties().getWeb().getRateLimit().config()).isEqualTo(RateLimits.Config.DEFAULTS);
    }

    @Test
    void whenAnAddressUsedItsCallsThenCodeCallsAre429AfterThe413ButSignedInCallsAreNotCounted() throws Exception {
        web.withPropertyValues("passkey4j.web.rate-limit.requests-per-address=3").run(context -> {
            MockMvc mvc = mvc(context);
            for (int i = 0; i < 3; i++) {
                assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE).getStatus()).isEqualTo(400);
                assertThat(send(mvc, post("/v2/users/1001/passkeys/_search"), () -> "1001", Map.of()).getStatus())
                        .as("signed in").isEqualTo(200);
            }

            assertLimited(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE), "PASSKEY-RATE-LIMITED");
            assertLimited(send(mvc, post("/v2/users/1002/passkeys/123"), null, "{not json"), "PASSKEY-RATE-LIMITED");
            assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, "{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}")
                    .getStatus()).as("413 before 429").isEqualTo(413);
            assertThat(send(mvc, post("/v2/users/1001/passkeys"), () -> "1001", Map.of()).getStatus())
                    .as("with a signed-in user").isEqualTo(200);
        });
    }

    @Test
    void whenAUserHasTooManyFailedCodesThenItsCodeCallsWaitWhileAnotherUsersDoNot() throws Exception {
        web.withPropertyValues("passkey4j.web.rate-limit.failures-per-name=2").run(context -> {
            MockMvc mvc = mvc(context);
            for (int i = 0; i < 2; i++) {
                assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE).getStatus()).isEqualTo(400);
            }

            assertLimited(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE), "PASSKEY-TOO-MANY-FAILURES");
            assertThat(send(mvc, post("/v2/users/1002/passkeys"), null, WRONG_CODE).getStatus()).isEqualTo(400);
        });
    }

    @Test
    void whenTheLimitIsOffThenCodeCallsAreNeverRefused() throws Exception {
        web.withPropertyValues("passkey4j.web.rate-limit.enabled=false", "passkey4j.web.rate-limit.requests-per-address=1")
                .run(context -> {
                    MockMvc mvc = mvc(context);
                    for (int i = 0; i < 20; i++) {
                        assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE).getStatus()).isEqualTo(400);
                    }
                });
    }

    @Test
    void aHostsLimiterReplacesTheDefaultAndIsToldOfEveryFailedCodeCall() throws Exception {
        List<String> calls = new ArrayList<>();
        PasskeyRateLimiter own = new PasskeyRateLimiter() {
            @Override
            public void check(jakarta.servlet.http.HttpServletRequest request, String name) {
                calls.add("check " + name);
                if (request.getHeader("X-Flood") != null) {
                    throw new WebError(429, PasskeyException.Code.RESOURCE_EXHAUSTED, "HOST-FLOOD", "slow down",
                            Map.of("Retry-After", "7"));
                }
            }

            @Override
            public void failed(jakarta.servlet.http.HttpServletRequest request, String name) {
                calls.add("failed " + name);
            }
        };
        web.withBean(PasskeyRateLimiter.class, () -> own).run(context -> {
            assertThat(context).getBean(PasskeyRateLimiter.class).isSameAs(own);
            MockMvc mvc = mvc(context);
            assertThat(send(mvc, post("/v2/users/1001/passkeys"), null, WRONG_CODE).getStatus()).isEqualTo(400);
            MockHttpServletResponse flood = send(mvc, post("/v2/users/1001/passkeys").header("X-Flood", "1"), null, WRONG_CODE);
            assertThat(send(mvc, post("/v2/users/1001/passkeys/_search"), () -> "1001", Map.of()).getStatus())
                    .isEqualTo(200);

            assertThat(flood.getStatus()).isEqualTo(429);
            assertThat(flood.getHeader("Retry-After")).isEqualTo("7");
            assertThat(json(flood).at("/details/0/id").asText()).isEqualTo("HOST-FLOOD");
            assertThat(calls).containsExactly("check login:alice@acme.test", "failed login:alice@acme.test",
                    "check login:alice@acme.test");
        });
    }

    @Test
    void aLimitThatIsNotPositiveIsNamedAtStartup() {
        web.withPropertyValues("passkey4j.web.rate-limit.failures-per-name=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(new PasskeyPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                    .contains("'passkey4j.web.rate-limit'");
        });
    }
}
