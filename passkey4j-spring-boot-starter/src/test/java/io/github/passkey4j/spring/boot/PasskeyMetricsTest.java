package io.github.passkey4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyListener;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.spring.boot.internal.PasskeyMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PasskeyMetricsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class))
            .withPropertyValues("passkey4j.rp.id=localhost", "passkey4j.rp.name=Metrics",
                    "passkey4j.rp.origins=http://localhost:8080");

    @Test
    void withARegistryEveryOperationIsCountedAndTimedAndRefusalsCarryTheirReason() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            Passkeys passkeys = context.getBean(Passkeys.class);
            PasskeyAutoConfigurationTest.registerAndSignIn(passkeys);
            assertThatThrownBy(() -> passkeys.renamePasskey("u1", "no-such-passkey", "X"))
                    .isInstanceOf(PasskeyException.class);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(PasskeyMetrics.CEREMONIES).tag("operation", "verify-passkey")
                    .tag("outcome", "success").tag("reason", "none").counter().count()).isEqualTo(1.0);
            assertThat(registry.get(PasskeyMetrics.CEREMONIES).tag("operation", "finish-sign-in")
                    .tag("outcome", "success").counter().count()).isEqualTo(1.0);
            assertThat(registry.get(PasskeyMetrics.CEREMONIES).tag("operation", "rename-passkey")
                    .tag("outcome", "failure").tag("reason", "PASSKEY-NOT-FOUND").counter().count()).isEqualTo(1.0);
            assertThat(registry.get(PasskeyMetrics.OPERATIONS).tag("operation", "add-passkey").timer().count())
                    .isEqualTo(1);
            // no user or passkey ids in tags: the series stay bounded
            assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
                    .extracting(t -> t.getKey()).containsAnyOf("operation"));
            assertThat(registry.getMeters()).flatExtracting(m -> m.getId().getTags())
                    .extracting(t -> t.getKey()).containsOnly("operation", "outcome", "reason");
        });
    }

    @Test
    void withoutARegistryOrWithoutMicrometerNothingBreaks() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            PasskeyAutoConfigurationTest.registerAndSignIn(context.getBean(Passkeys.class));
        });
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run(context -> {
            assertThat(context).hasNotFailed();
            PasskeyAutoConfigurationTest.registerAndSignIn(context.getBean(Passkeys.class));
        });
    }

    @Test
    void theHostsListenerBeansAreTold() {
        List<PasskeyListener.Outcome> heard = new CopyOnWriteArrayList<>();
        runner.withBean(PasskeyListener.class, () -> heard::add).run(context -> {
            PasskeyAutoConfigurationTest.registerAndSignIn(context.getBean(Passkeys.class));
            assertThat(heard).extracting(PasskeyListener.Outcome::operation).contains(
                    PasskeyListener.Operation.VERIFY_PASSKEY, PasskeyListener.Operation.FINISH_SIGN_IN);
        });
    }
}
