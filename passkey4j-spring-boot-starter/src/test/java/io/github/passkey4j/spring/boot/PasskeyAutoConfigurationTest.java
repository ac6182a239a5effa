package io.github.passkey4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesException;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesFailureAnalyzer;
import io.github.passkey4j.spring.boot.internal.PasskeyPurge;
import io.github.passkey4j.spring.boot.internal.PasskeyStoreHealthIndicator;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.Database;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each branch of the auto-configuration, on a real H2 database where a DataSource is involved. */
class PasskeyAutoConfigurationTest {

    private static final String[] RP = {
        "passkey4j.rp.id=localhost", "passkey4j.rp.name=Starter test", "passkey4j.rp.origins=http://localhost:8080"
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PasskeyAutoConfiguration.class));

    /** A fresh, private H2 database per call. */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    static List<String> tables(DataSource ds) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** The starter's own copy of a resource that Spring Boot's jars have too. */
    static String ownResource(String name) throws java.io.IOException {
        java.net.URL own = PasskeyAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation();
        for (java.net.URL url : java.util.Collections.list(
                PasskeyAutoConfigurationTest.class.getClassLoader().getResources(name))) {
            if (url.toString().startsWith(own.toString()) || url.toString().contains(own.getPath())) {
                try (java.io.InputStream in = url.openStream()) {
                    return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError(name + " is not in " + own);
    }

    /** Registers a passkey and signs in with it through the context's Passkeys bean. */
    static void registerAndSignIn(Passkeys passkeys) {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Options browser = Options.from("http://localhost:8080");
        PasskeyUser user = PasskeyUser.of("u-" + UUID.randomUUID(), "pat@example.com", "org-1");
        AddPasskeyResponse added = passkeys.addPasskey(user);
        passkeys.verifyPasskey(user.id(), added.passkeyId(), authenticator.create(added.creationOptionsJson(), browser),
                "Laptop");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));
        assertThat(result.userId()).isEqualTo(user.id());
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Nested
    class WithoutADataSource {

        @Test
        void theStoreIsInMemoryAndPasskeysWork() {
            runner.withPropertyValues(RP).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(Passkeys.class);
                assertThat(context.getBean(PasskeyStore.class)).isInstanceOf(InMemoryPasskeyStore.class);
                registerAndSignIn(context.getBean(Passkeys.class));
            });
        }

        @Test
        void theRelyingPartyIsTheThreePropertiesOnes() {
            runner.withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example",
                    "passkey4j.rp.origins=https://example.com,https://login.example.com",
                    "passkey4j.rp.related-origins=https://example.org").run(context -> {
                        RelyingPartyConfig rp = context.getBean(RelyingPartyConfig.class);
                        assertThat(rp.id()).isEqualTo("example.com");
                        assertThat(rp.name()).isEqualTo("Example");
                        assertThat(rp.origins()).containsExactlyInAnyOrder("https://example.com",
                                "https://login.example.com");
                        assertThat(rp.relatedOrigins()).containsExactly("https://example.org");
                    });
        }
    }

    @Nested
    class WithADataSourceAndFlyway {

        @Test
        void theShippedMigrationsMakeTheTablesWithTheirOwnHistoryAndPasskeysWork() {
            DataSource ds = h2();
            runner.withPropertyValues(RP).withBean(DataSource.class, () -> ds).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PasskeyStore.class)).isInstanceOf(JdbcPasskeyStore.class);
                assertThat(tables(ds)).contains("passkey4j_passkey", "passkey4j_pending_ceremony",
                        Database.FLYWAY_HISTORY_TABLE);
                registerAndSignIn(context.getBean(Passkeys.class));
            });
        }

        @Test
        void theHostsOwnFlywayHistoryIsLeftAlone() throws Exception {
            DataSource ds = h2();
            try (Connection c = ds.getConnection()) {
                c.createStatement().execute("CREATE TABLE host_account (id BIGINT PRIMARY KEY)");
            }
            Flyway.configure().dataSource(ds).baselineOnMigrate(true).load().baseline();
            runner.withPropertyValues(RP).withBean(DataSource.class, () -> ds).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(tables(ds)).contains("host_account", "flyway_schema_history", "passkey4j_passkey",
                        Database.FLYWAY_HISTORY_TABLE);
            });
        }

        @Test
        void aSecondStartFindsTheSchemaMigratedAndKeepsThePasskeys() {
            DataSource ds = h2();
            String[] userId = new String[1];
            runner.withPropertyValues(RP).withBean(DataSource.class, () -> ds).run(context -> {
                Passkeys passkeys = context.getBean(Passkeys.class);
                PasskeyUser user = PasskeyUser.of("u-restart", "pat@example.com", "org-1");
                AddPasskeyResponse added = passkeys.addPasskey(user);
                passkeys.verifyPasskey(user.id(), added.passkeyId(),
                        new SoftwareAuthenticator().create(added.creationOptionsJson(),
                                Options.from("http://localhost:8080")), "Laptop");
                userId[0] = user.id();
            });
            runner.withPropertyValues(RP).withBean(DataSource.class, () -> ds).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(Passkeys.class).listPasskeys(userId[0])).hasSize(1);
            });
        }

        @Test
        void migrateFalseWithoutInitializeLeavesTheSchemaToTheHost() {
            DataSource ds = h2();
            runner.withPropertyValues(RP).withPropertyValues("passkey4j.store.migrate=false")
                    .withBean(DataSource.class, () -> ds).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(tables(ds)).doesNotContain("passkey4j_passkey");
                    });
        }
    }

    @Nested
    class WithADataSourceWithoutFlyway {

        private final ApplicationContextRunner noFlyway = runner.withClassLoader(new FilteredClassLoader(Flyway.class));

        @Test
        void noTablesAreMadeUnlessAsked() {
            DataSource ds = h2();
            noFlyway.withPropertyValues(RP).withBean(DataSource.class, () -> ds).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PasskeyStore.class)).isInstanceOf(JdbcPasskeyStore.class);
                assertThat(tables(ds)).doesNotContain("passkey4j_passkey");
                Health health = context.getBean(PasskeyStoreHealthIndicator.class).health(true);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            });
        }

        @Test
        void initializeSchemaRunsCreateSchemaWithThePrefix() {
            DataSource ds = h2();
            noFlyway.withPropertyValues(RP).withPropertyValues("passkey4j.store.initialize-schema=true",
                    "passkey4j.store.table-prefix=pk_").withBean(DataSource.class, () -> ds).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(tables(ds)).contains("pk_passkey").doesNotContain("passkey4j_passkey",
                                Database.FLYWAY_HISTORY_TABLE);
                        registerAndSignIn(context.getBean(Passkeys.class));
                        Health health = context.getBean(PasskeyStoreHealthIndicator.class).health(true);
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("database", "H2");
                    });
        }

        @Test
        void twoDataSourcesWithoutAPrimaryFallBackToMemory() {
            noFlyway.withPropertyValues(RP).withBean("one", DataSource.class, PasskeyAutoConfigurationTest::h2)
                    .withBean("two", DataSource.class, PasskeyAutoConfigurationTest::h2).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(PasskeyStore.class)).isInstanceOf(InMemoryPasskeyStore.class);
                    });
        }
    }

    @Nested
    class TheHostsOwnBeansWin {

        @Test
        void aStoreOfTheHosts() {
            InMemoryPasskeyStore own = new InMemoryPasskeyStore();
            runner.withPropertyValues(RP).withBean(DataSource.class, PasskeyAutoConfigurationTest::h2)
                    .withBean(PasskeyStore.class, () -> own).run(context -> {
                        assertThat(context).hasSingleBean(PasskeyStore.class);
                        assertThat(context.getBean(PasskeyStore.class)).isSameAs(own);
                        assertThat(context).doesNotHaveBean(JdbcPasskeyStore.class);
                    });
        }

        @Test
        void aRelyingPartyOfTheHostsNeedsNoProperties() {
            runner.withBean(RelyingPartyConfig.class, () -> RelyingPartyConfig.of("example.com", "Own",
                    "https://example.com")).run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(RelyingPartyConfig.class).name()).isEqualTo("Own");
                    });
        }

        @Test
        void passkeysOfTheHosts() {
            runner.withPropertyValues(RP).withUserConfiguration(OwnPasskeys.class).run(context -> {
                assertThat(context).hasSingleBean(Passkeys.class);
                assertThat(context.getBean(Passkeys.class)).isSameAs(context.getBean(OwnPasskeys.class).own);
            });
        }

        @Test
        void customizersAdjustTheBuilder() {
            runner.withPropertyValues(RP).withBean(PasskeysCustomizer.class,
                    () -> builder -> builder.userVerification(UserVerification.DISCOURAGED)).run(context -> {
                        Passkeys passkeys = context.getBean(Passkeys.class);
                        AddPasskeyResponse added = passkeys.addPasskey(PasskeyUser.of("u1", "pat", "org"));
                        assertThat(added.creationOptionsJson()).contains("\"userVerification\":\"discouraged\"");
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPasskeys {
        final Passkeys own = Passkeys.builder().store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("localhost", "Own", "http://localhost:9999")).build();

        @Bean
        Passkeys passkeys() {
            return own;
        }
    }

    @Nested
    class PropertiesThatCanNeverWork {

        private FailureAnalysis analysis(Throwable failure) {
            return new PasskeyPropertiesFailureAnalyzer().analyze(failure);
        }

        @Test
        void noPropertiesAtAllNameTheRpId() {
            runner.run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = analysis(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("passkey4j.rp.id");
                assertThat(analysis.getAction()).contains("'passkey4j.rp.id'").contains("passkey4j.rp.origins=");
            });
        }

        @Test
        void aMissingOriginIsNamed() {
            runner.withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(PasskeyPropertiesException.class);
                assertThat(analysis(context.getStartupFailure()).getAction()).contains("'passkey4j.rp.origins'");
            });
        }

        @Test
        void anOriginOutsideTheRpIdIsNamed() {
            runner.withPropertyValues("passkey4j.rp.id=example.com", "passkey4j.rp.name=Example",
                    "passkey4j.rp.origins=https://evil.org").run(context -> {
                        assertThat(context).hasFailed();
                        FailureAnalysis analysis = analysis(context.getStartupFailure());
                        assertThat(analysis.getDescription()).contains("passkey4j.rp.origins").contains("evil.org");
                    });
        }

        @Test
        void aTimeoutOutOfRangeIsNamed() {
            runner.withPropertyValues(RP).withPropertyValues("passkey4j.timeout=1s").run(context -> {
                assertThat(context).hasFailed();
                assertThat(analysis(context.getStartupFailure()).getAction()).contains("'passkey4j.timeout'");
            });
        }

        @Test
        void aBadTablePrefixIsNamed() {
            runner.withPropertyValues(RP).withPropertyValues("passkey4j.store.table-prefix=drop table;")
                    .withBean(DataSource.class, PasskeyAutoConfigurationTest::h2).run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(analysis(context.getStartupFailure()).getAction())
                                .contains("'passkey4j.store.table-prefix'");
                    });
        }

        @Test
        void theAnalyzerIsRegisteredWithSpringBoot() throws Exception {
            String factories = ownResource("META-INF/spring.factories");
            assertThat(factories).contains("org.springframework.boot.diagnostics.FailureAnalyzer")
                    .contains(PasskeyPropertiesFailureAnalyzer.class.getName());
        }
    }

    @Nested
    class ThePurge {

        @Test
        void runsWithTheContextAndStopsWithIt() {
            runner.withPropertyValues(RP).withPropertyValues("passkey4j.store.purge-interval=2m").run(context -> {
                PasskeyPurge purge = context.getBean(PasskeyPurge.class);
                assertThat(purge.isRunning()).isTrue();
                assertThat(purge.interval()).isEqualTo(Duration.ofMinutes(2));
                assertThat(purge.purgeNow()).isZero();
                context.close();
                assertThat(purge.isRunning()).isFalse();
            });
        }

        @Test
        void aFailingPurgeIsReportedAndNotThrown() {
            PasskeyPurge purge = new PasskeyPurge(() -> {
                throw new IllegalStateException("database down");
            }, Duration.ofSeconds(1));
            assertThat(purge.purgeNow()).isEqualTo(-1);
        }

        @Test
        void anIntervalUnderASecondIsNamed() {
            runner.withPropertyValues(RP).withPropertyValues("passkey4j.store.purge-interval=10ms").run(context -> {
                assertThat(context).hasFailed();
                assertThat(new PasskeyPropertiesFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                        .contains("'passkey4j.store.purge-interval'");
            });
        }
    }

    @Test
    void withoutTheHealthModuleThereIsNoIndicator() {
        runner.withPropertyValues(RP)
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(PasskeyStoreHealthIndicator.class);
                });
    }

    @Test
    void theAutoConfigurationIsRegisteredAndItsPropertiesHaveMetadata() throws Exception {
        String imports = ownResource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
        assertThat(imports.strip()).isEqualTo(PasskeyAutoConfiguration.class.getName());
        String metadata = ownResource("META-INF/spring-configuration-metadata.json");
        assertThat(metadata).contains("\"passkey4j.rp.id\"", "\"passkey4j.rp.name\"", "\"passkey4j.rp.origins\"",
                "\"passkey4j.store.initialize-schema\"", "\"passkey4j.node-id\"");
    }
}
