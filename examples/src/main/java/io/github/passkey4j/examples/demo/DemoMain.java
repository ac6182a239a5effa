package io.github.passkey4j.examples.demo;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@code java -jar examples/target/passkey4j-demo.jar [--port 8080] [--origin URL] [--rp-id DOMAIN]
 * [--jdbc-url URL --jdbc-user U --jdbc-password P]}: prints {@code listening on http://localhost:PORT}
 * when ready; stops cleanly on SIGTERM or Ctrl-C.
 */
public final class DemoMain {

    private DemoMain() {
    }

    /**
     * @param args the options, see {@link DemoOptions#USAGE}
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        DemoServer server = DemoServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-shutdown"));
        System.out.println("listening on " + server.uri());
        System.out.flush();
    }
}
