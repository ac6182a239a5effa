package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.passkey4j.internal.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A list of passkeys: {@code {"result": [...]}} (Auth API v1, {@link #v1(List)}) or
 * {@code {"details": {"totalResult": "2", "timestamp": "..."}, "result": [...]}} (User Service v2,
 * {@link #v2(List, Instant)}). {@code result} is always present, {@code []} when empty. The same with
 * any Jackson 2 or 3 mapper: only {@code jackson-annotations} are used.
 *
 * @param details the v2 list details, null in the v1 shape
 * @param result the passkeys, oldest first
 */
@JsonPropertyOrder({"details", "result"})
public record ListPasskeysResponse(@JsonInclude(JsonInclude.Include.NON_NULL) ListDetails details, List<PasskeyInfo> result) {

    /**
     * Copies the list.
     *
     * @param details the v2 list details, null in the v1 shape
     * @param result the passkeys, oldest first
     */
    public ListPasskeysResponse {
        result = List.copyOf(result);
    }

    /**
     * @param passkeys the passkeys
     * @return the v1 shape
     */
    public static ListPasskeysResponse v1(List<PasskeyInfo> passkeys) {
        return new ListPasskeysResponse(null, passkeys);
    }

    /**
     * @param passkeys the passkeys
     * @param timestamp when the list was read
     * @return the v2 shape
     */
    public static ListPasskeysResponse v2(List<PasskeyInfo> passkeys, Instant timestamp) {
        return new ListPasskeysResponse(new ListDetails(passkeys.size(), timestamp), passkeys);
    }

    /**
     * The v2 list details.
     *
     * @param totalResult how many passkeys there are
     * @param timestamp when the list was read
     */
    @JsonPropertyOrder({"totalResult", "timestamp"})
    public record ListDetails(
            @JsonIgnore long totalResult,
            @JsonIgnore Instant timestamp) {
        /**
         * Validates the timestamp.
         *
         * @param totalResult how many passkeys there are
         * @param timestamp when the list was read
         */
        public ListDetails {
            Objects.requireNonNull(timestamp, "timestamp");
        }

        /** @return the count as the JSON writes it, a decimal string */
        @JsonProperty("totalResult")
        public String totalResultText() {
            return Long.toString(totalResult);
        }

        /** @return the time as the JSON writes it, UTC with exactly three fraction digits */
        @JsonProperty("timestamp")
        public String timestampText() {
            return Timestamps.format(timestamp);
        }
    }
}
