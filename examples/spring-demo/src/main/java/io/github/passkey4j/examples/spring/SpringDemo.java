package io.github.passkey4j.examples.spring;

import io.github.passkey4j.Passkeys;
import io.github.passkey4j.examples.demo.DemoApiHost;
import io.github.passkey4j.spring.boot.PasskeyProperties;
import io.github.passkey4j.spring.boot.PasskeyRateLimiter;
import io.github.passkey4j.spring.boot.PasskeyUsers;
import io.github.passkey4j.spring.boot.PasskeysCustomizer;
import io.github.passkey4j.web.PasskeyRoutes;
import io.github.passkey4j.web.RateLimits;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web demo as a Spring Boot application, serving the same HTTP API as the JDK demo with the same
 * code: the passkey4j starter makes the {@code Passkeys} bean, the JDBC store on the application's
 * DataSource (its Flyway migrations), the purge, and serves the passkey routes (module passkey4j-web),
 * the well-known documents and {@code /passkey4j.js}; Spring Security turns the demo's bearer tokens
 * into an {@code Authentication} (the starter's routes take the user from it); every other route
 * (sign-up, password sign-in, sign-out, sessions, health, the page) is the examples'
 * {@link DemoApiHost}, behind {@link DemoFallback}.
 *
 * <pre>java -jar passkey4j-spring-demo.jar --server.port=N --passkey4j.rp.id=localhost --passkey4j.rp.origins=http://localhost:N</pre>
 */
@SpringBootApplication
public class SpringDemo {

    /**
     * @param args Spring Boot's command line ({@code --server.port=...}, {@code --passkey4j.rp.origins=...})
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringDemo.class, args);
    }

    /** The demo's origin: the first of {@code passkey4j.rp.origins}. */
    static String origin(PasskeyProperties properties) {
        List<String> origins = properties.getRp().getOrigins();
        if (origins.isEmpty()) {
            throw new IllegalStateException("passkey4j.rp.origins must name the demo's origin");
        }
        return origins.get(0);
    }

    /** The time source: a {@link Clock} bean where a test gives one, else the system's. */
    static Clock clock(org.springframework.beans.factory.ObjectProvider<Clock> clocks) {
        return clocks.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    DemoApiHost demoApiHost(DataSource dataSource, org.springframework.beans.factory.ObjectProvider<Clock> clocks,
            @org.springframework.beans.factory.annotation.Value("${demo.session-lifetime:P7D}") Duration sessionLifetime)
            throws SQLException {
        return DemoApiHost.open(dataSource, clock(clocks), sessionLifetime);
    }

    /**
     * Expired sign-up tokens and sign-in sessions deleted every {@code passkey4j.store.purge-interval}, as the
     * JDK demo does (the starter purges the library's ceremonies and codes).
     */
    @Bean(destroyMethod = "shutdownNow")
    java.util.concurrent.ScheduledExecutorService demoSessionPurge(DemoApiHost host, PasskeyProperties properties) {
        java.util.concurrent.ScheduledExecutorService purge = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> {
                    Thread t = new Thread(r, "demo-session-purge");
                    t.setDaemon(true);
                    return t;
                });
        long every = properties.getStore().getPurgeInterval().toMillis();
        purge.scheduleWithFixedDelay(() -> {
            try {
                host.purgeExpired();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SpringDemo.class).warn("purging expired sessions failed: {}", e.toString());
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        return purge;
    }

    /** The demo's users, for the starter's passkey routes and the sign-in signals. */
    @Bean
    PasskeyUsers passkeyUsers(DemoApiHost host) {
        return host::user;
    }

    /**
     * The demo's settings of the library, the same as the JDK demo's, with its two files:
     * {@code demo.provider-names} (the JDK demo's {@code --provider-names}) and {@code demo.tenants}
     * ({@code --tenants}).
     */
    @Bean
    PasskeysCustomizer demoSettings(DemoApiHost host, PasskeyProperties properties,
            org.springframework.beans.factory.ObjectProvider<Clock> clocks,
            org.springframework.beans.factory.ObjectProvider<java.io.PrintStream> consoles,
            @Value("${demo.provider-names:}") String providerNames, @Value("${demo.tenants:}") String tenants) {
        return builder -> host.demoSettings(builder, origin(properties), consoles.getIfAvailable(() -> System.out),
                        Optional.of(providerNames).filter(f -> !f.isBlank()), Optional.of(tenants).filter(f -> !f.isBlank()))
                .clock(clock(clocks));
    }

    /**
     * The rate limits of the routes that need no bearer, as the JDK demo's: one budget per client for the
     * demo's routes (sign-up, sign-in) and the starter's (registration codes), the limits of
     * {@code passkey4j.web.rate-limit.*} (the JDK demo's defaults), none with
     * {@code passkey4j.web.rate-limit.enabled=false}; the client is the last hop of {@code X-Forwarded-For}
     * with {@code demo.trust-forwarded-for=true} (the JDK demo's {@code --trust-forwarded-for}).
     */
    @Bean
    DemoLimits demoLimits(PasskeyProperties properties, @Value("${demo.trust-forwarded-for:false}") boolean trustForwardedFor) {
        PasskeyProperties.RateLimit limit = properties.getWeb().getRateLimit();
        return new DemoLimits(limit.isEnabled() ? Optional.of(new RateLimits(limit.config())) : Optional.empty(),
                trustForwardedFor);
    }

    /** The starter's passkey routes count against the same limits as the demo's own. */
    @Bean
    PasskeyRateLimiter passkeyRateLimiter(DemoLimits limits) {
        return limits.limits().map(l -> PasskeyRateLimiter.of(l, limits::clientAddress))
                .orElseGet(PasskeyRateLimiter::unlimited);
    }

    /** The passkey routes with the demo's link template, password sign-ins and sessions: the starter serves these. */
    @Bean
    PasskeyRoutes passkeyRoutes(Passkeys passkeys, DemoApiHost host, PasskeyProperties properties, DemoLimits limits,
            org.springframework.beans.factory.ObjectProvider<Clock> clocks) {
        PasskeyRoutes routes = host.passkeyRoutes(passkeys, clock(clocks), origin(properties));
        // the demo's other routes; the well-known documents are the starter's
        host.serve(passkeys, routes, origin(properties), properties.getRp().getId(), Optional.empty(), limits.limits());
        return routes;
    }

    /**
     * The demo's rate limits and whose address a request counts under.
     *
     * @param limits the limits, empty when they are off
     * @param trustForwardedFor whether the client is the last hop of {@code X-Forwarded-For}
     */
    record DemoLimits(Optional<RateLimits> limits, boolean trustForwardedFor) {
        /** @return the address the request counts under, as the JDK demo finds it */
        String clientAddress(jakarta.servlet.http.HttpServletRequest request) {
            return DemoApiHost.clientAddress(trustForwardedFor, request.getHeader("X-Forwarded-For"),
                    request.getRemoteAddr());
        }
    }

    /**
     * Spring Security: the demo's sessions are bearer tokens (no cookie, so no CSRF); a valid one is the
     * request's {@code Authentication}. Nothing is refused here: every route answers a missing or wrong
     * bearer itself, after 404, 405 and 413, as {@code shared/API.md} orders them.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http, DemoApiHost host) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .headers(h -> h.cacheControl(c -> c.disable()).contentTypeOptions(c -> c.disable()))
                .addFilterBefore(new BearerTokens(host), AnonymousAuthenticationFilter.class)
                .build();
    }

    /**
     * Who is signed in for the starter's routes: the {@code Authentication} {@link BearerTokens} made, and
     * the JDK demo's words when there is none.
     */
    @Bean
    io.github.passkey4j.spring.boot.PasskeyUserResolver passkeyUserResolver() {
        return new io.github.passkey4j.spring.boot.PasskeyUserResolver() {
            @Override
            public Optional<String> userId(jakarta.servlet.http.HttpServletRequest request) {
                return Optional.ofNullable(request.getUserPrincipal()).map(java.security.Principal::getName);
            }

            @Override
            public String whyNotSignedIn(jakarta.servlet.http.HttpServletRequest request) {
                String authorization = request.getHeader("Authorization");
                return authorization != null && authorization.trim().toLowerCase(java.util.Locale.ROOT).startsWith("bearer ")
                        ? "the session token is not valid" : "an Authorization: Bearer <sessionToken> header is required";
            }
        };
    }

    /**
     * A request Spring Security's firewall refuses (a path that is not normalised, such as {@code //}) is
     * no path of the demo's: its 404, with the error body, as the JDK demo answers it.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(DemoApiHost host) {
        return (request, response, rejected) -> {
            DemoApiHost.Answer answer = host.notFound();
            response.setStatus(answer.status());
            answer.headers().forEach(response::setHeader);
            response.getOutputStream().write(answer.body());
        };
    }

    /** No user name and password sign-in: the demo's users sign in with passkeys (and its own password route). */
    @Bean
    org.springframework.security.core.userdetails.UserDetailsService noPasswordUsers() {
        return name -> {
            throw new org.springframework.security.core.userdetails.UsernameNotFoundException("no form sign-in in the demo");
        };
    }

    /** Prints the line the README and the tests wait for. */
    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
            // standard output, as the JDK demo's listening line: the README and the jar test read it there
            System.out.println("passkey4j Spring demo listening on http://localhost:" + web.getWebServer().getPort());
        }
    }

    /** {@code Authorization: Bearer <token>} of a sign-up or a signed-in session: the user id as the principal. */
    static final class BearerTokens extends OncePerRequestFilter {

        private final DemoApiHost host;

        BearerTokens(DemoApiHost host) {
            this.host = host;
        }

        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            String authorization = request.getHeader("Authorization");
            if (authorization != null) {
                String[] parts = authorization.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && parts[1].length() <= 100) {
                    Optional<String> user;
                    try {
                        user = host.userIdForToken(parts[1]);
                    } catch (io.github.passkey4j.PasskeyException e) {
                        // the database is lost: its 503 and error body, as the JDK demo answers, never a 500
                        DemoApiHost.Answer answer = host.refusal(e);
                        response.setStatus(answer.status());
                        answer.headers().forEach(response::setHeader);
                        response.getOutputStream().write(answer.body());
                        return;
                    }
                    user.ifPresent(userId -> SecurityContextHolder.getContext().setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(userId, null,
                                    List.of(new SimpleGrantedAuthority("ROLE_USER")))));
                }
            }
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
