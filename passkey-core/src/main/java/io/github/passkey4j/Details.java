package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.passkey4j.internal.Timestamps;
import io.github.passkey4j.store.Event;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The seed's {@code details}: the user's event sequence after a manipulation, its time and the
 * resource owner. Serialized with any Jackson mapper, Jackson 2 ({@code com.fasterxml.jackson}) or
 * Jackson 3 ({@code tools.jackson}), without modules, as {@code {"sequence": "2", "creationDate":
 * "2024-05-24T10:54:19.585Z", "changeDate": "...", "resourceOwner": "..."}}; the creation date is
 * present only when the manipulation created something. Only {@code jackson-annotations} are used:
 * the 64-bit sequence and the dates are written by the String-typed accessors
 * {@link #sequenceText()}, {@link #creationDateText()} and {@link #changeDateText()}.
 *
 * @param sequence the user's sequence after the manipulation
 * @param creationDate the event's time when the manipulation created an object, else null
 * @param changeDate the event's time
 * @param resourceOwner the organisation that owns the user
 */
@JsonPropertyOrder({"sequence", "creationDate", "changeDate", "resourceOwner"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Details(
        @JsonIgnore long sequence,
        @JsonIgnore Instant creationDate,
        @JsonIgnore Instant changeDate,
        String resourceOwner) {

    /**
     * Validates the components.
     *
     * @param sequence the user's sequence after the manipulation
     * @param creationDate the event's time when the manipulation created an object, else null
     * @param changeDate the event's time
     * @param resourceOwner the organisation that owns the user
     */
    public Details {
        Objects.requireNonNull(changeDate, "changeDate");
        Objects.requireNonNull(resourceOwner, "resourceOwner");
    }

    /**
     * @param event an event that created an object
     * @return details with both dates set to the event's time
     */
    public static Details created(Event event) {
        return new Details(event.sequence(), event.time(), event.time(), event.resourceOwner());
    }

    /**
     * @param event an event that changed an object
     * @return details with the change date only
     */
    public static Details changed(Event event) {
        return new Details(event.sequence(), null, event.time(), event.resourceOwner());
    }

    /** @return the creation date, when the manipulation created something */
    public Optional<Instant> creation() {
        return Optional.ofNullable(creationDate);
    }

    /** @return the sequence as the JSON writes it, a decimal string (64-bit numbers do not survive JavaScript) */
    @JsonProperty("sequence")
    public String sequenceText() {
        return Long.toString(sequence);
    }

    /** @return the creation date as the JSON writes it ({@code 2024-05-24T10:54:19.585Z}), or null */
    @JsonProperty("creationDate")
    public String creationDateText() {
        return creationDate == null ? null : Timestamps.format(creationDate);
    }

    /** @return the change date as the JSON writes it, UTC with exactly three fraction digits */
    @JsonProperty("changeDate")
    public String changeDateText() {
        return Timestamps.format(changeDate);
    }
}
