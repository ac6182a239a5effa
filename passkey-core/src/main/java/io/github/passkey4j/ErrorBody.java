package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param details one entry with the stable reason id, and after a sign-in with an unknown
 *     credential a second one, {@code type.googleapis.com/passkey4j.v1.UnknownCredentialSignal},
 *     with {@code rpId} and {@code credentialId}
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
     * @param id the stable reason id (null in a signal's detail)
     * @param message a message safe to show (null in a signal's detail)
     * @param rpId a signal's RP id, else null (left out of the JSON)
     * @param credentialId a signal's credential id, base64url, else null (left out of the JSON)
     */
    @JsonPropertyOrder({"@type", "id", "message", "rpId", "credentialId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(@JsonProperty("@type") String type, String id, String message, String rpId,
            String credentialId) {

        /**
         * An error detail: ZITADEL's type, the reason id and the message.
         *
         * @param type the detail's {@code @type}
         * @param id the reason id
         * @param message the message
         */
        public Detail(String type, String id, String message) {
            this(type, id, message, null, null);
        }
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
