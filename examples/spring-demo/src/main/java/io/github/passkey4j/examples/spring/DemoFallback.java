package io.github.passkey4j.examples.spring;

import io.github.passkey4j.examples.demo.DemoApiHost;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every request the starter's functional routes (the passkey routes, the well-known documents,
 * {@code /passkey4j.js}) did not take: the demo's own routes from {@link DemoApiHost}, in the contract's
 * order: 404 or 405 before the body is read, 413 over 1 MiB, then the API (429, 401, 400, the handler).
 * Spring MVC asks its functional routes before its annotated ones, so this mapping of every path comes last.
 */
@RestController
class DemoFallback {

    private final DemoApiHost host;
    private final SpringDemo.DemoLimits limits;
    private final Duration requestTimeout;

    DemoFallback(DemoApiHost host, SpringDemo.DemoLimits limits,
            @Value("${demo.request-timeout:10s}") Duration requestTimeout) {
        this.host = host;
        this.limits = limits;
        this.requestTimeout = requestTimeout;
    }

    @RequestMapping("/**")
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getRequestURI();
        Optional<DemoApiHost.Answer> unmatched = host.unmatched(method, path);
        if (unmatched.isPresent()) {
            write(request, response, unmatched.get());
            return;
        }
        if (request.getContentLengthLong() > DemoApiHost.MAX_BODY_BYTES) {
            write(request, response, host.tooLarge());
            return;
        }
        byte[] body;
        try {
            body = read(request);
        } catch (IOException e) {
            if (timedOut(e)) {
                write(request, response, host.requestTimeout());
                return;
            }
            throw e;
        }
        if (body == null) {
            write(request, response, host.requestTimeout());
            return;
        }
        if (body.length > DemoApiHost.MAX_BODY_BYTES) {
            write(request, response, host.tooLarge());
            return;
        }
        write(request, response, host.handle(method, path, request::getHeader, () -> limits.clientAddress(request), body));
    }

    /**
     * The body, at most one byte over {@link DemoApiHost#MAX_BODY_BYTES}, or null when it did not arrive
     * within {@code demo.request-timeout} in all (Tomcat's connection timeout bounds each read; this bounds
     * a body that trickles in for ever).
     */
    private byte[] read(HttpServletRequest request) throws IOException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                body.write(buffer, 0, n);
                if (body.size() > DemoApiHost.MAX_BODY_BYTES) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    return null;
                }
            }
        }
        return body.toByteArray();
    }

    /** Whether a read failed because the client sent nothing for Tomcat's connection timeout. */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, DemoApiHost.Answer answer)
            throws IOException {
        response.setStatus(answer.status());
        if (!request.getMethod().equals("HEAD")) {
            response.setContentLength(answer.body().length);
        }
        answer.headers().forEach(response::setHeader);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(answer.body());
        }
    }
}
