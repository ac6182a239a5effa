package io.github.passkey4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesException;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesFailureAnalyzer;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The starter as a host meets it: a {@code @SpringBootApplication}-style application with nothing
 * of passkey4j's but the jar and properties, Spring Boot's own DataSource auto-configuration on an
 * H2 URL, every auto-configuration of the class path.
 */
class SpringApplicationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
    }

    private static SpringApplicationBuilder host(String... properties) {
        return new SpringApplicationBuilder(HostApplication.class).web(WebApplicationType.NONE)
                .properties(properties);
    }

    @Test
    void threePropertiesAndADataSourceUrlGiveAJdbcBackedPasskeysBeanThatWorks() {
        try (ConfigurableApplicationContext context = host("passkey4j.rp.id=localhost",
                "passkey4j.rp.name=Host", "passkey4j.rp.origins=http://localhost:8080",
                "spring.datasource.url=jdbc:h2:mem:host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").run()) {
            assertThat(context.getBean(PasskeyStore.class)).isInstanceOf(JdbcPasskeyStore.class);
            PasskeyAutoConfigurationTest.registerAndSignIn(context.getBean(Passkeys.class));
            HealthIndicator health = context.getBean("passkeyStoreHealthIndicator", HealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void withoutPropertiesTheStartupFailsOnTheFirstMissingOne() {
        assertThatThrownBy(() -> host().run().close())
                .hasRootCauseInstanceOf(PasskeyPropertiesException.class)
                .rootCause().hasMessageContaining("passkey4j.rp.id");
    }

    @Test
    void springBootFindsTheFailureAnalyzer() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.logging(
                        org.apache.commons.logging.LogFactory.getLog(getClass())))).anySatisfy(a ->
                        assertThat(a).isInstanceOf(PasskeyPropertiesFailureAnalyzer.class));
    }
}
