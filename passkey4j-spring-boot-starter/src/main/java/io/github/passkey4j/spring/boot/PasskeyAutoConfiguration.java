package io.github.passkey4j.spring.boot;

import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyListener;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.spring.boot.internal.FlywayMigrations;
import io.github.passkey4j.spring.boot.internal.PasskeyPropertiesException;
import io.github.passkey4j.spring.boot.internal.PasskeyMetrics;
import io.github.passkey4j.spring.boot.internal.PasskeyPurge;
import io.github.passkey4j.spring.boot.internal.PasskeyStoreHealthIndicator;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Gives a Spring Boot application a {@link Passkeys} bean from the {@code passkey4j.*} properties
 * ({@link PasskeyProperties}):
 * <ul>
 *   <li>a {@link RelyingPartyConfig} from {@code passkey4j.rp.id}, {@code passkey4j.rp.name} and
 *       {@code passkey4j.rp.origins}; a missing or invalid one stops the startup with a message naming
 *       the property to set;</li>
 *   <li>a {@link JdbcPasskeyStore} on the application's {@link DataSource} when it has exactly one:
 *       its tables made by the shipped Flyway migrations (own history table
 *       {@code passkey4j_schema_history}) when Flyway is on the class path, else by
 *       {@code createSchema()} only if {@code passkey4j.store.initialize-schema=true}; without a
 *       {@code DataSource}, the in-memory store, with a warning at startup;</li>
 *   <li>expired ceremonies and codes purged every {@code passkey4j.store.purge-interval};</li>
 *   <li>a health indicator {@code passkeyStore} when Spring Boot's health module is present;</li>
 *   <li>with Micrometer and a {@code MeterRegistry} bean: the counter {@code passkey4j.ceremonies}
 *       (tags {@code operation}, {@code outcome}, {@code reason}) and the timer
 *       {@code passkey4j.operations} (tags {@code operation}, {@code outcome});</li>
 *   <li>every {@link PasskeyListener} bean registered with the {@code Passkeys} bean;</li>
 *   <li>with Spring Security in a servlet application, passkey sign-in on every filter chain built from
 *       Spring Security's {@code HttpSecurity} bean (a {@code Customizer<HttpSecurity>} bean, which
 *       Spring Security 7 applies to each); off with {@code passkey4j.security.enabled=false}; a chain
 *       that applies {@code PasskeySignInConfigurer} itself keeps its own settings;</li>
 *   <li>in a Spring MVC application, {@code GET /.well-known/webauthn} (the related origins; 404 without
 *       them) and {@code GET /.well-known/passkey-endpoints} (from {@code passkey4j.endpoints.enroll}
 *       and {@code .manage}; 404 without them), as functional routes that need no authentication
 *       (permit them in Spring Security).</li>
 * </ul>
 * Every bean backs off when the application declares its own of the same type; to adjust the
 * {@code Passkeys} bean without replacing it, declare a {@link PasskeysCustomizer}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Passkeys.class)
@EnableConfigurationProperties(PasskeyProperties.class)
@Import({PasskeyAutoConfiguration.Store.class, PasskeyAutoConfiguration.Health.class,
        PasskeyAutoConfiguration.Metrics.class, PasskeyAutoConfiguration.WellKnown.class,
        PasskeyAutoConfiguration.Web.class, PasskeyAutoConfiguration.Security.class})
public class PasskeyAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PasskeyAutoConfiguration.class);

    /** Created by Spring. */
    public PasskeyAutoConfiguration() {
    }

    /**
     * @param properties the bound properties
     * @return the relying party of {@code passkey4j.rp.*}
     */
    @Bean
    @ConditionalOnMissingBean
    public RelyingPartyConfig passkeyRelyingParty(PasskeyProperties properties) {
        PasskeyProperties.Rp rp = properties.getRp();
        Map<String, String> map = new HashMap<>();
        put(map, RelyingPartyConfig.PROPERTY_ID, rp.getId());
        put(map, RelyingPartyConfig.PROPERTY_NAME, rp.getName());
        if (!rp.getOrigins().isEmpty()) {
            map.put(RelyingPartyConfig.PROPERTY_ORIGINS, String.join(",", rp.getOrigins()));
        }
        if (!rp.getRelatedOrigins().isEmpty()) {
            map.put(RelyingPartyConfig.PROPERTY_RELATED_ORIGINS, String.join(",", rp.getRelatedOrigins()));
        }
        try {
            return RelyingPartyConfig.fromProperties(map);
        } catch (IllegalArgumentException e) {
            String property = map.keySet().stream().sorted().filter(k -> e.getMessage() != null
                    && e.getMessage().contains(k)).findFirst().orElse(missing(map));
            throw new PasskeyPropertiesException(property, e.getMessage());
        }
    }

    /**
     * @param store the store
     * @param relyingParty the relying party
     * @param properties the bound properties
     * @param listeners the host's listeners, told every outcome
     * @param customizers the host's adjustments, applied in order
     * @param users the host's users, if it has a {@link PasskeyUsers} bean
     * @return the library's entry point
     */
    @Bean
    @ConditionalOnMissingBean
    public Passkeys passkeys(PasskeyStore store, RelyingPartyConfig relyingParty, PasskeyProperties properties,
            ObjectProvider<PasskeyListener> listeners, ObjectProvider<PasskeysCustomizer> customizers,
            ObjectProvider<PasskeyUsers> users) {
        Passkeys.Builder builder = Passkeys.builder().store(store).relyingParty(relyingParty);
        // the host's users give the currentUserDetails signal after a sign-in
        users.ifAvailable(u -> builder.userLookup(u::findById));
        apply("passkey4j.user-verification", properties.getUserVerification(), builder::userVerification);
        apply("passkey4j.attestation", properties.getAttestation(), builder::attestation);
        apply("passkey4j.timeout", properties.getTimeout(), builder::timeout);
        apply("passkey4j.grace", properties.getGrace(), builder::grace);
        apply("passkey4j.registration-code-lifetime", properties.getRegistrationCodeLifetime(),
                builder::registrationCodeLifetime);
        apply("passkey4j.sign-count-policy", properties.getSignCountPolicy(), builder::signCountPolicy);
        apply("passkey4j.max-passkeys-per-user", properties.getMaxPasskeysPerUser(), builder::maxPasskeysPerUser);
        apply("passkey4j.max-open-ceremonies-per-user", properties.getMaxOpenCeremoniesPerUser(),
                builder::maxOpenCeremoniesPerUser);
        apply("passkey4j.node-id", properties.getNodeId(), id -> builder.ids(IdGenerator.timeOrdered(id)));
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    /**
     * @param passkeys the library
     * @param properties the bound properties
     * @return the purge of expired ceremonies and codes, started and stopped with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public PasskeyPurge passkeyPurge(Passkeys passkeys, PasskeyProperties properties) {
        try {
            return new PasskeyPurge(passkeys::purgeExpired, properties.getStore().getPurgeInterval());
        } catch (IllegalArgumentException e) {
            throw new PasskeyPropertiesException("passkey4j.store.purge-interval", e.getMessage());
        }
    }

    private static <T> void apply(String property, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new PasskeyPropertiesException(property, e.getMessage());
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String missing(Map<String, String> map) {
        for (String key : new String[] {RelyingPartyConfig.PROPERTY_ID, RelyingPartyConfig.PROPERTY_NAME,
                RelyingPartyConfig.PROPERTY_ORIGINS}) {
            if (!map.containsKey(key)) {
                return key;
            }
        }
        return "passkey4j.rp";
    }

    /**
     * The JDBC store on the application's only {@link DataSource}, else the in-memory store. One
     * class, in this order: Spring evaluates a class's bean methods in source order, while the order
     * of separate classes' bean conditions is not guaranteed.
     */
    @Configuration(proxyBeanMethods = false)
    static class Store {

        @Bean(destroyMethod = "close")
        @ConditionalOnSingleCandidate(DataSource.class)
        @ConditionalOnMissingBean(PasskeyStore.class)
        JdbcPasskeyStore jdbcPasskeyStore(DataSource dataSource, PasskeyProperties properties,
                ResourceLoader resourceLoader) {
            PasskeyProperties.Store settings = properties.getStore();
            JdbcPasskeyStore store;
            try {
                store = JdbcPasskeyStore.builder(dataSource).tablePrefix(settings.getTablePrefix()).build();
            } catch (IllegalArgumentException e) {
                throw new PasskeyPropertiesException("passkey4j.store.table-prefix", e.getMessage());
            }
            boolean flyway = ClassUtils.isPresent("org.flywaydb.core.Flyway", resourceLoader.getClassLoader());
            if (flyway && settings.isMigrate()) {
                FlywayMigrations.migrate(dataSource, store.database(), settings.getTablePrefix());
            } else if (settings.isInitializeSchema()) {
                store.createSchema();
            }
            return store;
        }

        @Bean
        @ConditionalOnMissingBean(PasskeyStore.class)
        InMemoryPasskeyStore inMemoryPasskeyStore() {
            LOG.warn("passkey4j keeps passkeys in memory: they are lost when the application stops, and nodes do not "
                    + "share them. Give the application a DataSource (passkey4j then uses JdbcPasskeyStore) or "
                    + "declare a PasskeyStore bean.");
            return new InMemoryPasskeyStore();
        }
    }

    /** The store's health, where Spring Boot's health module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "passkeyStoreHealthIndicator")
        PasskeyStoreHealthIndicator passkeyStoreHealthIndicator(PasskeyStore store) {
            return new PasskeyStoreHealthIndicator(store);
        }
    }

    /** Micrometer meters, where Micrometer is present and the application has a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        PasskeysCustomizer passkeyMetricsCustomizer(
                ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            // the registry is looked up when Passkeys is built, after every auto-configuration made its beans
            return builder -> registry.ifAvailable(r -> builder.listener(new PasskeyMetrics(r)));
        }
    }

    /** The well-known documents, in a Spring MVC application. */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    static class WellKnown {

        @Bean
        @ConditionalOnMissingBean(name = "passkeyWellKnownRoutes")
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                passkeyWellKnownRoutes(RelyingPartyConfig relyingParty, PasskeyProperties properties) {
            java.util.Optional<String> endpoints = passkeyEndpoints(properties.getEndpoints());
            java.util.Optional<String> related = relyingParty.relatedOriginsDocument();
            return org.springframework.web.servlet.function.RouterFunctions.route()
                    .route(org.springframework.web.servlet.function.RequestPredicates.path(
                            RelyingPartyConfig.RELATED_ORIGINS_PATH), request -> document(request, related))
                    .route(org.springframework.web.servlet.function.RequestPredicates.path(
                            io.github.passkey4j.PasskeyEndpoints.PATH), request -> document(request, endpoints))
                    .build();
        }

        /** GET and HEAD answer the document (Tomcat sends no body to a HEAD); any other method is a 405. */
        private static org.springframework.web.servlet.function.ServerResponse document(
                org.springframework.web.servlet.function.ServerRequest request, java.util.Optional<String> body) {
            org.springframework.http.HttpMethod method = request.method();
            if (method.equals(org.springframework.http.HttpMethod.GET) || method.equals(org.springframework.http.HttpMethod.HEAD)) {
                return json(body);
            }
            return org.springframework.web.servlet.function.ServerResponse
                    .status(org.springframework.http.HttpStatus.METHOD_NOT_ALLOWED)
                    .header("Allow", "GET, HEAD")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .body(METHOD_NOT_ALLOWED);
        }

        /** The error body of a 405 on a well-known document (code 12, UNIMPLEMENTED). */
        private static final byte[] METHOD_NOT_ALLOWED;

        static {
            try {
                METHOD_NOT_ALLOWED = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                        io.github.passkey4j.ErrorBody.of(io.github.passkey4j.PasskeyException.Code.UNIMPLEMENTED,
                                "PASSKEY-METHOD-NOT-ALLOWED", "method not allowed on this path; allowed: GET, HEAD"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static java.util.Optional<String> passkeyEndpoints(PasskeyProperties.Endpoints urls) {
            if (urls.getEnroll() == null && urls.getManage() == null) {
                return java.util.Optional.empty();
            }
            io.github.passkey4j.PasskeyEndpoints document;
            try {
                document = io.github.passkey4j.PasskeyEndpoints.of(urls.getEnroll() == null ? "" : urls.getEnroll(),
                        urls.getManage() == null ? "" : urls.getManage());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new PasskeyPropertiesException("passkey4j.endpoints." + (e.getMessage() != null
                        && e.getMessage().startsWith("manage") ? "manage" : "enroll"), e.getMessage());
            }
            try {
                return java.util.Optional.of(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(document));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static org.springframework.web.servlet.function.ServerResponse json(java.util.Optional<String> body) {
            return body.map(b -> org.springframework.web.servlet.function.ServerResponse.ok()
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(b))
                    .orElseGet(() -> org.springframework.web.servlet.function.ServerResponse.notFound().build());
        }
    }

    /**
     * The passkey routes of ZITADEL's v1 and v2 APIs (add, verify, list, rename, remove, registration
     * links and codes) and {@code /passkey4j.js}, in a Spring MVC application whose host has a
     * {@link PasskeyUsers} bean; off with {@code passkey4j.web.enabled=false}. The calls without
     * credentials (registration codes) are rate limited by the {@link PasskeyRateLimiter} bean.
     */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"org.springframework.web.servlet.function.RouterFunction",
            "io.github.passkey4j.web.PasskeyRoutes"})
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "passkey4j.web", name = "enabled",
            havingValue = "true", matchIfMissing = true)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(PasskeyUsers.class)
    static class Web {

        @Bean
        @ConditionalOnMissingBean
        PasskeyUserResolver passkeyUserResolver() {
            return new io.github.passkey4j.spring.boot.internal.PrincipalUserResolver();
        }

        @Bean
        @ConditionalOnMissingBean
        io.github.passkey4j.web.PasskeyRoutes passkeyRoutes(Passkeys passkeys, PasskeyUsers users,
                PasskeyProperties properties) {
            io.github.passkey4j.web.PasskeyRoutes.Builder builder = io.github.passkey4j.web.PasskeyRoutes.builder(passkeys)
                    .users(users::findById);
            if (properties.getWeb().getLinkTemplate() != null && !properties.getWeb().getLinkTemplate().isBlank()) {
                builder.linkTemplate(properties.getWeb().getLinkTemplate());
            }
            // a request without an Origin header (an API client) begins a ceremony any configured origin finishes
            return builder.build();
        }

        /**
         * The rate limit of the calls without credentials (registration codes): {@code passkey4j.web.rate-limit.*}
         * on the request's remote address, or none with {@code passkey4j.web.rate-limit.enabled=false}.
         */
        @Bean
        @ConditionalOnMissingBean
        PasskeyRateLimiter passkeyRateLimiter(PasskeyProperties properties) {
            PasskeyProperties.RateLimit limit = properties.getWeb().getRateLimit();
            if (!limit.isEnabled()) {
                return PasskeyRateLimiter.unlimited();
            }
            io.github.passkey4j.web.RateLimits.Config config;
            try {
                config = limit.config();
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new PasskeyPropertiesException("passkey4j.web.rate-limit", e.getMessage());
            }
            return PasskeyRateLimiter.of(new io.github.passkey4j.web.RateLimits(config),
                    jakarta.servlet.http.HttpServletRequest::getRemoteAddr);
        }

        @Bean
        @ConditionalOnMissingBean(name = "passkeyWebRoutes")
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                passkeyWebRoutes(io.github.passkey4j.web.PasskeyRoutes routes, PasskeyUserResolver resolver,
                        PasskeyRateLimiter limiter, PasskeyProperties properties) {
            java.time.Duration bodyTimeout = properties.getWeb().getBodyTimeout();
            if (bodyTimeout == null || bodyTimeout.isZero() || bodyTimeout.isNegative()) {
                throw new PasskeyPropertiesException("passkey4j.web.body-timeout",
                        "must be a positive duration such as 10s, not " + bodyTimeout);
            }
            return io.github.passkey4j.spring.boot.internal.PasskeyWebRoutes.of(routes, resolver, limiter,
                    properties.getWeb().getBasePath(), bodyTimeout);
        }
    }

    /**
     * Passkey sign-in ({@link io.github.passkey4j.spring.security.PasskeySignInConfigurer}) on every
     * Spring Security filter chain built from the {@code HttpSecurity} bean: Spring Security 7 applies
     * each {@code Customizer<HttpSecurity>} bean to that prototype before the host's chain method sees
     * it. A chain that calls {@code .with(PasskeySignInConfigurer.passkeySignIn(), ...)} replaces this
     * one's configurer with its own (one configurer per type), so its settings win.
     */
    @Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"org.springframework.security.config.annotation.web.builders.HttpSecurity",
            "org.springframework.security.web.SecurityFilterChain"})
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(prefix = "passkey4j.security",
            name = "enabled", havingValue = "true", matchIfMissing = true)
    static class Security {

        @Bean
        @ConditionalOnMissingBean(name = "passkeySignInHttpSecurityCustomizer")
        org.springframework.security.config.Customizer<org.springframework.security.config.annotation.web.builders.HttpSecurity>
                passkeySignInHttpSecurityCustomizer() {
            return http -> {
                try {
                    http.with(io.github.passkey4j.spring.security.PasskeySignInConfigurer.passkeySignIn(),
                            org.springframework.security.config.Customizer.withDefaults());
                } catch (Exception e) {
                    throw new IllegalStateException("passkey sign-in cannot be added to the filter chain", e);
                }
            };
        }
    }
}
