package io.github.passkey4j.spring.boot.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.ErrorBody;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.spring.boot.PasskeyRateLimiter;
import io.github.passkey4j.spring.boot.PasskeyUserResolver;
import io.github.passkey4j.web.PasskeyRoutes;
import io.github.passkey4j.web.RequestBodies;
import io.github.passkey4j.web.Route;
import io.github.passkey4j.web.RouteCall;
import io.github.passkey4j.web.WebError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The passkey routes of {@link PasskeyRoutes} (module passkey4j-web, which the JDK demo serves too) as
 * Spring MVC functional routes, and {@code /passkey4j.js}. One place maps every refusal to its status
 * and ZITADEL's error body: the library's {@link PasskeyException}, the routes' {@link WebError}, and a
 * body that is too large or not a JSON object.
 */
public final class PasskeyWebRoutes {

    /** The most a request body may hold, as in the JDK demo. */
    public static final int MAX_BODY_BYTES = RequestBodies.MAX_BYTES;
    /** Where the browser module is served. */
    public static final String PASSKEY4J_JS = "/passkey4j.js";

    private static final Logger LOG = LoggerFactory.getLogger(PasskeyWebRoutes.class);
    /** Writes the answers (the bodies are read by {@link RequestBodies}). */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private PasskeyWebRoutes() {
    }

    /**
     * @param routes the passkey routes
     * @param users who is signed in
     * @param limiter the rate limit of the calls without credentials (registration codes)
     * @param basePath the routes' prefix ("" for the paths of ZITADEL's APIs)
     * @param bodyTimeout how long a request body may take to arrive in all (408 beyond)
     * @return the routes, and {@code GET /passkey4j.js} where passkey4j-js is on the class path
     */
    public static RouterFunction<ServerResponse> of(PasskeyRoutes routes, PasskeyUserResolver users,
            PasskeyRateLimiter limiter, String basePath, java.time.Duration bodyTimeout) {
        String prefix = normalise(basePath);
        RouterFunctions.Builder builder = RouterFunctions.route();
        for (Route route : routes.routes()) {
            builder.route(RequestPredicates.method(HttpMethod.valueOf(route.method()))
                    .and(RequestPredicates.path(prefix + route.pattern()))
                    .and(notALiteralSibling(route, routes.routes(), prefix)), request -> handle(routes, route, users, limiter, bodyTimeout, request));
        }
        Optional<byte[]> module = passkey4jJs();
        module.ifPresent(bytes -> builder.GET(PASSKEY4J_JS, request -> ServerResponse.ok()
                .contentType(MediaType.valueOf("text/javascript;charset=UTF-8"))
                .header("Cache-Control", "no-cache")
                .body(bytes)));
        return builder.build();
    }

    /**
     * A parameter never takes the name of a literal sibling route ({@code DELETE .../passkeys/_search} is
     * not the removal of a passkey named {@code _search}, but a wrong method on {@code _search}): the
     * segments where another route of the same shape has a literal are refused with those literals.
     */
    private static org.springframework.web.servlet.function.RequestPredicate notALiteralSibling(Route route,
            java.util.List<Route> all, String prefix) {
        String[] mine = route.pattern().split("/");
        java.util.Map<Integer, java.util.Set<String>> refused = new java.util.HashMap<>();
        for (Route other : all) {
            String[] theirs = other.pattern().split("/");
            if (theirs.length != mine.length) {
                continue;
            }
            int differ = -1;
            boolean sibling = true;
            for (int i = 0; i < mine.length; i++) {
                if (mine[i].equals(theirs[i]) || (mine[i].startsWith("{") && theirs[i].startsWith("{"))) {
                    continue;
                }
                if (differ >= 0 || !mine[i].startsWith("{") || theirs[i].startsWith("{")) {
                    sibling = false;
                    break;
                }
                differ = i;
            }
            if (sibling && differ >= 0) {
                refused.computeIfAbsent(differ, k -> new java.util.HashSet<>()).add(theirs[differ]);
            }
        }
        int offset = prefix.isEmpty() ? 0 : prefix.split("/").length - 1;
        return request -> {
            String[] segments = request.path().split("/");
            for (java.util.Map.Entry<Integer, java.util.Set<String>> e : refused.entrySet()) {
                int at = e.getKey() + offset;
                if (at < segments.length && e.getValue().contains(segments[at])) {
                    return false;
                }
            }
            return true;
        };
    }

    private static String normalise(String basePath) {
        String p = basePath == null ? "" : basePath.strip();
        if (p.isEmpty() || p.equals("/")) {
            return "";
        }
        if (!p.startsWith("/") || p.endsWith("/") || p.contains("{") || p.contains("*")) {
            throw new PasskeyPropertiesException("passkey4j.web.base-path",
                    "must be empty or a path like /api (a leading /, no trailing /, no patterns): " + basePath);
        }
        return p;
    }

    private static ServerResponse handle(PasskeyRoutes routes, Route route, PasskeyUserResolver users,
            PasskeyRateLimiter limiter, java.time.Duration bodyTimeout, ServerRequest request) {
        HttpServletRequest servlet = request.servletRequest();
        String limitedAs = null;
        try {
            // the contract's order: 413, then the rate limit, then 401, then a body that is not JSON
            byte[] bytes = RequestBodies.read(servlet.getContentLengthLong(), servlet::getInputStream, bodyTimeout);
            Optional<String> userId = users.userId(servlet);
            boolean credentials = userId.isPresent() || servlet.getHeader("Authorization") != null;
            if (route.access() == Route.Access.USER_OR_CODE && !credentials) {
                String name = routes.codeLimitName(request.pathVariables().get("userId"));
                limiter.check(servlet, name);
                limitedAs = name;
            }
            if (userId.isEmpty() && (route.access() == Route.Access.USER || credentials)) {
                throw WebError.unauthenticated(users.whyNotSignedIn(servlet));
            }
            ObjectNode body = RequestBodies.parse(bytes);
            Object answer = route.handler().handle(new RouteCall(request.pathVariables(), userId,
                    Optional.ofNullable(servlet.getHeader("Origin")), body));
            return secured(ServerResponse.ok()).body(JSON.writeValueAsBytes(answer));
        } catch (PasskeyException e) {
            failed(limiter, servlet, limitedAs, e.httpStatus());
            return error(e.httpStatus(), e.toErrorBody(), Map.of());
        } catch (WebError e) {
            failed(limiter, servlet, limitedAs, e.status());
            return error(e.status(), e.body(), e.headers());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} {} failed", route.method(), route.pattern(), e);
            PasskeyException internal = new PasskeyException(ErrorReason.INTERNAL);
            return error(internal.httpStatus(), internal.toErrorBody(), Map.of());
        }
    }

    /** A checked call answered with a 4xx other than the limit's own 429 is a failed attempt. */
    private static void failed(PasskeyRateLimiter limiter, HttpServletRequest request, String limitedAs, int status) {
        if (limitedAs != null && status >= 400 && status < 500 && status != 429) {
            limiter.failed(request, limitedAs);
        }
    }

    /** JSON, never cached, never sniffed, no referrer. */
    private static ServerResponse.BodyBuilder secured(ServerResponse.BodyBuilder response) {
        return response.header("Content-Type", JSON_TYPE).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
    }

    private static ServerResponse error(int status, ErrorBody body, Map<String, String> headers) {
        try {
            ServerResponse.BodyBuilder response = secured(ServerResponse.status(status));
            headers.forEach(response::header);
            return response.body(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** passkey4j.js from the passkey4j-js WebJar, located by its properties file, when it is on the class path. */
    private static Optional<byte[]> passkey4jJs() {
        ClassLoader loader = PasskeyWebRoutes.class.getClassLoader();
        try (InputStream located = loader.getResourceAsStream("META-INF/passkey4j-js.properties")) {
            if (located == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(located);
            try (InputStream module = loader.getResourceAsStream(p.getProperty("resource"))) {
                return module == null ? Optional.empty() : Optional.of(module.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passkey4j.js", e);
        }
    }
}
