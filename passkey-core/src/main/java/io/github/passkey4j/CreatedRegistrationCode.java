package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A new one-time registration code: give it to the user (or a link with it, see
 * {@link Passkeys#createRegistrationLink}) so that a passkey can be added from a device that is not
 * signed in. Serialized as ZITADEL User Service v2's {@code returnCode} answer: {@code {"details":
 * {...}, "code": {"id": "...", "code": "..."}}}. The store keeps only a hash of the code.
 *
 * @param codeId the code's id
 * @param code the code itself: shown once, never stored, never logged
 * @param expiresAt when it stops working
 * @param lifetime how long it lives
 * @param details the user's sequence and the time of creation
 */
@JsonPropertyOrder({"details", "code"})
public record CreatedRegistrationCode(
        @JsonIgnore String codeId,
        @JsonIgnore String code,
        @JsonIgnore Instant expiresAt,
        @JsonIgnore Duration lifetime,
        Details details) {

    /**
     * Validates the components.
     *
     * @param codeId the code's id
     * @param code the code itself: shown once, never stored, never logged
     * @param expiresAt when it stops working
     * @param lifetime how long it lives
     * @param details the user's sequence and the time of creation
     */
    public CreatedRegistrationCode {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(details, "details");
    }

    /**
     * The {@code code} object of the JSON.
     *
     * @param id the code's id
     * @param code the code
     */
    @JsonPropertyOrder({"id", "code"})
    public record Value(String id, String code) {
        @Override
        public String toString() {
            return "Value[id=" + id + ", code=***]";
        }
    }

    /** @return the {@code code} object of the JSON */
    @JsonProperty("code")
    public Value value() {
        return new Value(codeId, code);
    }

    @Override
    public String toString() {
        return "CreatedRegistrationCode[codeId=" + codeId + ", code=***, expiresAt=" + expiresAt + "]";
    }
}
