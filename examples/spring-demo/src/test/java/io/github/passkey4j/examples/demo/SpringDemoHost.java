package io.github.passkey4j.examples.demo;

import io.github.passkey4j.examples.spring.SpringDemo;
import io.github.passkey4j.web.RateLimits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot sample as a {@link DemoHost}: the JDK demo's HTTP suites run against it with
 * {@code -Dpasskey4j.demo.host=spring}. {@link DemoOptions} and {@link DemoServer.Tuning} become Spring
 * Boot properties: the starter's ({@code passkey4j.*}, {@code spring.datasource.*}) and the sample's own,
 * named like the JDK demo's options ({@code demo.tenants}, {@code demo.provider-names},
 * {@code demo.trust-forwarded-for}, {@code demo.session-lifetime}).
 */
public final class SpringDemoHost implements DemoHost {

    private final ConfigurableApplicationContext app;
    private final URI uri;
    private final String origin;

    private SpringDemoHost(ConfigurableApplicationContext app, URI uri, String origin) {
        this.app = app;
        this.uri = uri;
        this.origin = origin;
    }

    /**
     * @param options the demo's options
     * @param clock the time source of the library and of the demo's sessions
     * @param console where registration links are printed
     * @param tuning rate limits, purge interval, ceremony lifetime
     * @return the running sample
     * @throws IOException when no port can be found
     */
    public static DemoHost start(DemoOptions options, java.time.Clock clock, java.io.PrintStream console,
            DemoServer.Tuning tuning) throws IOException {
        int port = options.port();
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        String origin = options.origin().orElse("http://localhost:" + port);
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--passkey4j.rp.id=" + options.rpId(),
                "--passkey4j.rp.origins=" + origin, "--spring.datasource.url=" + options.jdbcUrl(),
                "--spring.datasource.username=" + options.jdbcUser().orElse("sa"),
                "--spring.datasource.password=" + options.jdbcPassword().orElse("")));
        if (!options.relatedOrigins().isEmpty()) {
            args.add("--passkey4j.rp.related-origins=" + String.join(",", options.relatedOrigins()));
        }
        // the JDK demo serves /.well-known/passkey-endpoints with its page by default; so does the sample here
        args.add("--passkey4j.endpoints.enroll=" + options.enrollUrl().orElse(origin + "/"));
        args.add("--passkey4j.endpoints.manage=" + options.manageUrl().orElse(origin + "/"));
        args.add("--demo.session-lifetime=" + options.sessionLifetime());
        args.add("--server.address=" + options.bind());
        args.add("--demo.request-timeout=" + options.requestTimeout());
        args.add("--demo.idle-timeout=" + options.idleTimeout());
        args.add("--demo.max-connections=" + options.maxConnections());
        args.add("--demo.stop-timeout=" + options.stopTimeout());
        options.tenants().ifPresent(f -> args.add("--demo.tenants=" + f));
        options.providerNames().ifPresent(f -> args.add("--demo.provider-names=" + f));
        args.add("--demo.trust-forwarded-for=" + options.trustForwardedFor());
        // the rate limits: the starter's properties, which the sample shares with its own routes
        args.add("--passkey4j.web.rate-limit.enabled=" + options.rateLimit());
        RateLimits.Config limits = tuning.rateLimits();
        args.add("--passkey4j.web.rate-limit.requests-per-address=" + limits.requestsPerAddress());
        args.add("--passkey4j.web.rate-limit.failures-per-address=" + limits.failuresPerAddress());
        args.add("--passkey4j.web.rate-limit.failures-per-name=" + limits.failuresPerName());
        args.add("--passkey4j.web.rate-limit.period=" + limits.period());
        args.add("--passkey4j.web.rate-limit.max-keys=" + limits.maxKeys());
        args.add("--passkey4j.store.purge-interval=" + tuning.purgeInterval());
        args.add("--passkey4j.timeout=" + tuning.ceremonyTimeout());
        args.add("--passkey4j.grace=" + tuning.ceremonyGrace());
        SpringApplication application = new SpringApplication(SpringDemo.class);
        application.addInitializers(context -> {
            context.getBeanFactory().registerSingleton("demoClock", clock);
            context.getBeanFactory().registerSingleton("demoConsole", console);
        });
        ConfigurableApplicationContext app = application.run(args.toArray(String[]::new));
        return new SpringDemoHost(app, URI.create("http://localhost:" + port), origin);
    }

    @Override
    public int openConnections() {
        return app.getBean(io.github.passkey4j.examples.spring.DemoServerBounds.class).openConnections();
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public void close() {
        app.close();
    }
}
