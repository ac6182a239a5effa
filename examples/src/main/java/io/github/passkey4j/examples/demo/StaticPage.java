package io.github.passkey4j.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The demo page at {@code /}, the page a registration link opens at {@code /register}, their scripts
 * and style sheet, read once from the classpath.
 */
final class StaticPage {

    private final Endpoint.Resource page;
    private final Endpoint.Resource script;
    private final Endpoint.Resource common;
    private final Endpoint.Resource style;
    private final Endpoint.Resource registerPage;
    private final Endpoint.Resource registerScript;
    private final Endpoint.Resource passkey4jModule;

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
        this.common = new Endpoint.Resource("text/javascript; charset=utf-8", read("static/common.js"));
        this.style = new Endpoint.Resource("text/css; charset=utf-8", read("static/app.css"));
        String register = new String(read("static/register.html"), StandardCharsets.UTF_8)
                .replace("{{origin}}", escape(origin))
                .replace("{{rpId}}", escape(rpId));
        this.registerPage = new Endpoint.Resource("text/html; charset=utf-8", register.getBytes(StandardCharsets.UTF_8));
        this.registerScript = new Endpoint.Resource("text/javascript; charset=utf-8", read("static/register.js"));
        this.passkey4jModule = new Endpoint.Resource("text/javascript; charset=utf-8", passkey4jModule());
    }

    /** Adds the routes (GET and HEAD) to the router. */
    void routes(Router<Endpoint> router) {
        for (String method : new String[] {"GET", "HEAD"}) {
            router.add(method, "/", new Endpoint(Endpoint.Access.PUBLIC, call -> page))
                    .add(method, "/app.js", new Endpoint(Endpoint.Access.PUBLIC, call -> script))
                    .add(method, "/common.js", new Endpoint(Endpoint.Access.PUBLIC, call -> common))
                    .add(method, "/app.css", new Endpoint(Endpoint.Access.PUBLIC, call -> style))
                    .add(method, "/register", new Endpoint(Endpoint.Access.PUBLIC, call -> registerPage))
                    .add(method, "/register.js", new Endpoint(Endpoint.Access.PUBLIC, call -> registerScript))
                    .add(method, "/passkey4j.js", new Endpoint(Endpoint.Access.PUBLIC, call -> passkey4jModule));
        }
    }

    /** passkey4j.js from the passkey4j-js WebJar on the class path, whatever its version. */
    private static byte[] passkey4jModule() {
        java.util.Properties located = new java.util.Properties();
        try (InputStream in = StaticPage.class.getClassLoader().getResourceAsStream("META-INF/passkey4j-js.properties")) {
            if (in == null) {
                throw new IllegalStateException("passkey4j-js (the WebJar of passkey4j.js) is missing from the classpath");
            }
            located.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = StaticPage.class.getClassLoader().getResourceAsStream(located.getProperty("resource"))) {
            if (in == null) {
                throw new IllegalStateException(located.getProperty("resource") + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
