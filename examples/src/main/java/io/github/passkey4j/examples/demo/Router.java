package io.github.passkey4j.examples.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Method + path pattern -> handler. A pattern is a path whose segments are literals or
 * {@code {name}} parameters: {@code /v2/users/{userId}/passkeys/{passkeyId}}. When several patterns
 * match a path, the most specific one wins (a literal beats a parameter, segment by segment), so
 * {@code /v2/users/1/passkeys/_search} is the search route, never a passkey called "_search".
 *
 * @param <H> the handler type
 */
final class Router<H> {

    /** A route: one method on one pattern. */
    record Route<H>(String method, String pattern, H handler) {
    }

    /** What a request resolves to. */
    sealed interface Match<H> permits Found, NotFound, MethodNotAllowed {
    }

    /** The route, with the path parameters. */
    record Found<H>(Route<H> route, Map<String, String> params) implements Match<H> {
    }

    /** No pattern matches the path. */
    record NotFound<H>() implements Match<H> {
    }

    /** The path is known, the method is not. */
    record MethodNotAllowed<H>(Set<String> allowed) implements Match<H> {
    }

    private final Map<Pattern, Map<String, Route<H>>> routes = new LinkedHashMap<>();

    /**
     * @param method an HTTP method
     * @param pattern a path pattern
     * @param handler what answers it
     * @return this
     */
    Router<H> add(String method, String pattern, H handler) {
        Objects.requireNonNull(handler, "handler");
        Pattern p = Pattern.parse(pattern);
        Route<H> previous = routes.computeIfAbsent(p, k -> new LinkedHashMap<>())
                .putIfAbsent(method, new Route<>(method, pattern, handler));
        if (previous != null) {
            throw new IllegalArgumentException("duplicate route " + method + " " + pattern);
        }
        return this;
    }

    /**
     * @param method the request's method
     * @param rawPath the request's path, not yet percent-decoded
     * @return the route, or why there is none
     */
    Match<H> match(String method, String rawPath) {
        List<String> segments = Pattern.split(rawPath);
        Pattern best = null;
        for (Pattern p : routes.keySet()) {
            if (p.matches(segments) && (best == null || p.moreSpecificThan(best))) {
                best = p;
            }
        }
        if (best == null) {
            return new NotFound<>();
        }
        Map<String, Route<H>> byMethod = routes.get(best);
        Route<H> route = byMethod.get(method);
        if (route == null) {
            return new MethodNotAllowed<>(new LinkedHashSet<>(byMethod.keySet()));
        }
        try {
            return new Found<>(route, best.params(segments));
        } catch (IllegalArgumentException e) {
            return new NotFound<>(); // a parameter that is not valid percent-encoding names nothing
        }
    }

    /** A parsed pattern; a segment is a parameter when it is {@code {name}}. */
    private record Pattern(List<String> segments) {

        static Pattern parse(String pattern) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("a pattern starts with /: " + pattern);
            }
            return new Pattern(split(pattern));
        }

        static List<String> split(String path) {
            List<String> out = new ArrayList<>();
            if (path.equals("/")) {
                return out;
            }
            // keep empty segments: "/a//b" and "/a/" are not "/a/b" and "/a"
            for (String s : path.substring(1).split("/", -1)) {
                out.add(s);
            }
            return out;
        }

        static boolean isParam(String segment) {
            return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
        }

        boolean matches(List<String> path) {
            if (path.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String s = segments.get(i);
                String actual = path.get(i);
                if (isParam(s) ? actual.isEmpty() : !s.equals(actual)) {
                    return false;
                }
            }
            return true;
        }

        boolean moreSpecificThan(Pattern other) {
            for (int i = 0; i < segments.size(); i++) {
                boolean mine = isParam(segments.get(i));
                boolean theirs = isParam(other.segments.get(i));
                if (mine != theirs) {
                    return !mine;
                }
            }
            return false;
        }

        Map<String, String> params(List<String> path) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String s = segments.get(i);
                if (isParam(s)) {
                    params.put(s.substring(1, s.length() - 1), decode(path.get(i)));
                }
            }
            return Map.copyOf(params);
        }

        private static String decode(String segment) {
            // a path segment: "+" is a plus sign, not a space
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
