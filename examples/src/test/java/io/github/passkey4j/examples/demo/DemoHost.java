package io.github.passkey4j.examples.demo;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;

/**
 * A running demo the black-box HTTP suites talk to: the JDK demo ({@link DemoServer}), or with
 * {@code -Dpasskey4j.demo.host=spring} the Spring Boot sample (examples/spring-demo runs the suites so),
 * started from the same {@link DemoOptions}. An option the host cannot honour fails the start, loudly.
 */
interface DemoHost extends AutoCloseable {

    /** @return {@code http://localhost:PORT} */
    URI uri();

    /** @return the origin the page is served at */
    String origin();

    /** @return the port it listens on */
    default int port() {
        return uri().getPort();
    }

    /** @return the connections open now */
    int openConnections();

    @Override
    void close();

    /**
     * @param options the demo's options
     * @return the running demo of the host the build asks for
     * @throws IOException when it cannot listen
     */
    static DemoHost start(DemoOptions options) throws IOException {
        return start(options, java.time.Clock.systemUTC(), System.out);
    }

    /**
     * @param options the demo's options
     * @param clock the time source of the library and of the demo's sessions
     * @param console where registration links are printed
     * @return the running demo of the host the build asks for
     * @throws IOException when it cannot listen
     */
    static DemoHost start(DemoOptions options, java.time.Clock clock, java.io.PrintStream console) throws IOException {
        return start(options, clock, console, DemoServer.Tuning.DEFAULTS);
    }

    /**
     * @param options the demo's options
     * @param clock the time source of the library and of the demo's sessions
     * @param console where registration links are printed
     * @param tuning rate limits, purge interval, ceremony lifetime
     * @return the running demo of the host the build asks for
     * @throws IOException when it cannot listen
     */
    static DemoHost start(DemoOptions options, java.time.Clock clock, java.io.PrintStream console,
            DemoServer.Tuning tuning) throws IOException {
        String host = System.getProperty("passkey4j.demo.host", "jdk");
        if (host.equals("jdk")) {
            DemoServer server = DemoServer.start(options, clock, console, tuning);
            return new DemoHost() {
                @Override
                public URI uri() {
                    return server.uri();
                }

                @Override
                public String origin() {
                    return server.origin();
                }

                @Override
                public int openConnections() {
                    return server.openConnections();
                }

                @Override
                public void close() {
                    server.close();
                }
            };
        }
        if (host.equals("spring")) {
            try {
                return (DemoHost) Class.forName("io.github.passkey4j.examples.demo.SpringDemoHost")
                        .getMethod("start", DemoOptions.class, java.time.Clock.class, java.io.PrintStream.class,
                                DemoServer.Tuning.class)
                        .invoke(null, options, clock, console, tuning);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("-Dpasskey4j.demo.host=spring needs examples/spring-demo's test classes", e);
            }
        }
        throw new IllegalArgumentException("passkey4j.demo.host must be jdk or spring, not " + host);
    }
}
