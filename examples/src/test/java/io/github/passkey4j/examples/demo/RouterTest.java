package io.github.passkey4j.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Router<String> router = new Router<String>()
            .add("POST", "/v2/users/{userId}/passkeys", "register")
            .add("POST", "/v2/users/{userId}/passkeys/{passkeyId}", "verify")
            .add("DELETE", "/v2/users/{userId}/passkeys/{passkeyId}", "remove")
            .add("POST", "/v2/users/{userId}/passkeys/_search", "search")
            .add("GET", "/", "page");

    @Test
    void whenAPathMatchesAPatternThenTheRouteAndItsDecodedParametersAreFound() {
        Router.Match<String> m = router.match("POST", "/v2/users/42/passkeys/a%2Fb+c");

        assertThat(m).isInstanceOfSatisfying(Router.Found.class, f -> {
            assertThat(f.route().handler()).isEqualTo("verify");
            assertThat(f.params()).isEqualTo(Map.of("userId", "42", "passkeyId", "a/b+c"));
        });
    }

    @Test
    void whenALiteralAndAParameterBothMatchThenTheLiteralWinsWhateverTheOrderOfRegistration() {
        assertThat(router.match("POST", "/v2/users/42/passkeys/_search"))
                .isInstanceOfSatisfying(Router.Found.class, f -> assertThat(f.route().handler()).isEqualTo("search"));
        assertThat(router.match("DELETE", "/v2/users/42/passkeys/_search"))
                .isInstanceOfSatisfying(Router.MethodNotAllowed.class, m -> assertThat(m.allowed()).containsExactly("POST"));
    }

    @Test
    void whenTheMethodIsNotRoutedOnAKnownPathThenTheAllowedMethodsAreGiven() {
        assertThat(router.match("PATCH", "/v2/users/42/passkeys/7"))
                .isInstanceOfSatisfying(Router.MethodNotAllowed.class,
                        m -> assertThat(m.allowed()).containsExactly("POST", "DELETE"));
    }

    @Test
    void whenNoPatternMatchesThenItIsNotFound() {
        assertThat(router.match("GET", "/v2/users/42/passkeys/7/more")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("POST", "/v2/users//passkeys")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("POST", "/v2/users/42/passkeys/")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("POST", "/v2/users/42/passkeys/%zz")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/")).isInstanceOf(Router.Found.class);
    }

    @Test
    void whenARouteIsAddedTwiceThenItIsRefused() {
        assertThatThrownBy(() -> router.add("GET", "/", "again"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("duplicate route GET /");
    }
}
