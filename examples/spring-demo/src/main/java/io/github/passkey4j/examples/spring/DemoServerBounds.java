package io.github.passkey4j.examples.spring;

import io.github.passkey4j.examples.demo.DemoJetty;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The JDK demo's server bounds on Spring Boot's Jetty, from the same code ({@link DemoJetty}): a deadline
 * for whole request headers and then for the body ({@code demo.request-timeout}), a connection over
 * {@code demo.max-connections} answered 503 at once, idle connections closed after {@code demo.idle-timeout},
 * 8 KiB of headers, Jetty's own refusals (431, 414, 400, 408) with the seed's error body.
 */
@Component
public class DemoServerBounds implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, DisposableBean {

    private final DemoJetty.Bounds bounds;
    private final AtomicReference<DemoJetty> installed = new AtomicReference<>();

    DemoServerBounds(@Value("${demo.request-timeout:10s}") Duration requestTimeout,
            @Value("${demo.idle-timeout:30s}") Duration idleTimeout,
            @Value("${demo.max-connections:1000}") int maxConnections) {
        this.bounds = new DemoJetty.Bounds(requestTimeout, idleTimeout, maxConnections);
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> {
            Connector[] connectors = server.getConnectors();
            if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector connector)) {
                throw new IllegalStateException("the demo's bounds need the one plain HTTP connector, not "
                        + java.util.Arrays.toString(connectors));
            }
            DemoJetty jetty = DemoJetty.install(server, connector, bounds);
            // a path with an empty segment ("/v2/users//passkeys") reaches Spring Security's firewall, which
            // refuses it as no path of the demo's (404, as the JDK demo answers), instead of Jetty's 400
            connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setUriCompliance(
                    UriCompliance.DEFAULT.with("demo", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
            ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
            if (context != null) {
                context.getServletHandler().setDecodeAmbiguousURIs(true);
            }
            server.setHandler(jetty.wrap(server.getHandler()));
            DemoJetty before = installed.getAndSet(jetty);
            if (before != null) {
                before.close();
            }
        });
    }

    /** @return the connections open now (tests) */
    public int openConnections() {
        DemoJetty jetty = installed.get();
        if (jetty == null) {
            throw new IllegalStateException("the web server has not been made yet");
        }
        return jetty.openConnections();
    }

    @Override
    public void destroy() {
        DemoJetty jetty = installed.getAndSet(null);
        if (jetty != null) {
            jetty.close();
        }
    }
}
