package io.github.passkey4j.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The demo page at {@code /}, with its script and style sheet, read once from the classpath. */
final class StaticPage {

    private final Endpoint.Resource page;
    private final Endpoint.Resource script;
    private final Endpoint.Resource style;

    /**
     * @param origin the origin passkeys are created on, shown on the page
     * @param rpId the RP id, shown on the page
     */
    StaticPage(String origin, String rpId) {
        String html = new String(read("static/index.html"), StandardCharsets.UTF_8)
                .replace("{{origin}}", escape(origin))
                .replace("{{rpId}}", escape(rpId));
        this.page = new Endpoint.Resource("text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        this.script = new Endpoint.Resource("text/javascript; charset=utf-8", read("static/app.js"));
        this.style = new Endpoint.Resource("text/css; charset=utf-8", read("static/app.css"));
    }

    /** Adds the routes (GET and HEAD) to the router. */
    void routes(Router<Endpoint> router) {
        for (String method : new String[] {"GET", "HEAD"}) {
            router.add(method, "/", new Endpoint(Endpoint.Access.PUBLIC, call -> page))
                    .add(method, "/app.js", new Endpoint(Endpoint.Access.PUBLIC, call -> script))
                    .add(method, "/app.css", new Endpoint(Endpoint.Access.PUBLIC, call -> style));
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
