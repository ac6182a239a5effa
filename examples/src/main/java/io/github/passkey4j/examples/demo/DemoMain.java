package io.github.passkey4j.examples.demo;

import java.net.BindException;
import java.util.Arrays;

/**
 * {@code java -jar examples/target/passkey4j-demo.jar [--port 8080] [--origin URL] [--rp-id DOMAIN]
 * [--jdbc-url URL --jdbc-user U --jdbc-password P]}: prints {@code listening on http://localhost:PORT}
 * when ready; stops cleanly on SIGTERM or Ctrl-C. Exits with 2 on a wrong option and with 1 when it
 * cannot start (the port is taken, the database cannot be opened), saying why in one line.
 */
public final class DemoMain {

    private DemoMain() {
    }

    /** @param args the options, see {@link DemoOptions#USAGE} */
    public static void main(String[] args) {
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
        DemoServer server;
        try {
            server = DemoServer.start(options);
        } catch (BindException e) {
            System.err.println("cannot listen on " + options.bind() + ":" + options.port() + " (" + e.getMessage()
                    + "); is another demo running? Choose another port with --port");
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("cannot start the demo: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "demo-shutdown"));
        System.out.println("listening on " + server.uri());
        System.out.flush();
    }

    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !message.toString().contains(c.getMessage())) {
                message.append(": ").append(c.getMessage());
            }
        }
        return message.toString();
    }
}
