package io.github.passkey4j.examples.spring;

import io.github.passkey4j.examples.demo.DemoApiHost;
import io.github.passkey4j.web.RequestBodies;
import io.github.passkey4j.web.WebError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
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

    DemoFallback(DemoApiHost host, SpringDemo.DemoLimits limits) {
        this.host = host;
        this.limits = limits;
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
        byte[] body;
        try {
            body = RequestBodies.read(request.getContentLengthLong(), request::getInputStream);
        } catch (WebError e) { // 413, or 408 past the request's deadline (DemoServerBounds), or 400
            write(request, response, host.error(e));
            return;
        }
        write(request, response, host.handle(method, path, request::getHeader, () -> limits.clientAddress(request), body));
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
