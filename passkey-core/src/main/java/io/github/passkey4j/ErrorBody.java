package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * ZITADEL's error body: {@code {"code": 3, "message": "...", "details": [{"@type": "...", "id":
 * "PASSKEY-...", "message": "..."}]}}.
 *
 * @param code the gRPC code number
 * @param message a message safe to show
 * @param details one entry with the stable reason id
 */
@JsonPropertyOrder({"code", "message", "details"})
public record ErrorBody(int code, String message, List<Detail> details) {

    /**
     * Copies the details.
     *
     * @param code the gRPC code number
     * @param message a message safe to show
     * @param details one entry with the stable reason id
     */
    public ErrorBody {
        Objects.requireNonNull(message, "message");
        details = List.copyOf(details);
    }

    /**
     * One error detail.
     *
     * @param type the protobuf type URL
     * @param id the stable reason id
     * @param message a message safe to show
     */
    @JsonPropertyOrder({"@type", "id", "message"})
    public record Detail(@JsonProperty("@type") String type, String id, String message) {
    }

    /**
     * An error body for a failure the library does not raise itself (an HTTP server's 404, 405 or
     * 413), in the same shape.
     *
     * @param code the gRPC code
     * @param id a stable id
     * @param message a message safe to show
     * @return the body
     */
    public static ErrorBody of(PasskeyException.Code code, String id, String message) {
        return new ErrorBody(code.number(), message, List.of(new Detail(PasskeyException.ERROR_DETAIL_TYPE, id, message)));
    }
}
