package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.WebError;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a request it cannot parse 400, a timeout 408, a body too large 413, a URI too
 * long 414, headers too large 431, a failure 500) with the seed's error body instead of Jetty's page:
 * the status stays, the body is {@link HttpError#ofServerStatus}'s. Never a stack trace or a message
 * from the request.
 */
final class ServerErrors extends ErrorHandler {

    private final ObjectMapper json;

    ServerErrors(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        WebError error = HttpError.ofServerStatus(code);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        error.headers().forEach(headers::put);
        byte[] body = DemoApi.errorBytes(json, error.body());
        headers.put(new HttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length)));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        WebError error = HttpError.ofServerStatus(status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(DemoApi.errorBytes(json, error.body()));
    }
}
