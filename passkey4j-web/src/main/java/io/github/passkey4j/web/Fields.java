package io.github.passkey4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.passkey4j.Hint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading a request's JSON fields strictly: a field that is present must have its type, else the call
 * is a 400 {@link WebError#FIELD_INVALID} naming it; absent and {@code null} are the same.
 */
public final class Fields {

    /** The most hints a request may carry. */
    public static final int MAX_HINTS = 8;

    private Fields() {
    }

    /**
     * @param node the object holding the field
     * @param field the field
     * @return its string, when present
     * @throws WebError when it is present and not a string
     */
    public static Optional<String> string(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw WebError.badField(field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    /**
     * @param node the object holding the field
     * @param field the field
     * @param path the field's path, for the message
     * @return its object, when present
     * @throws WebError when it is present and not an object
     */
    public static Optional<JsonNode> object(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw WebError.badField(path + " must be a JSON object");
        }
        return Optional.of(value);
    }

    /**
     * @param node the object holding the field
     * @param field the field
     * @param path the field's path, for the message
     * @return its boolean, when present
     * @throws WebError when it is present and not true or false
     */
    public static Optional<Boolean> bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw WebError.badField(path + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /**
     * @param node the object holding the field
     * @param field the field
     * @param path the field's path, for the message
     * @return the WebAuthn Level 3 hints, when present: an array of at most {@value #MAX_HINTS} strings,
     *     each a known hint (an unknown one is the library's 400 {@code PASSKEY-HINT-UNKNOWN})
     * @throws WebError when it is present and not such an array
     */
    public static Optional<List<Hint>> hints(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.size() > MAX_HINTS) {
            throw WebError.badField(path + " must be an array of at most " + MAX_HINTS + " hints");
        }
        List<Hint> hints = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw WebError.badField(path + " must hold strings: security-key, client-device or hybrid");
            }
            hints.add(Hint.fromValue(item.asText()));
        }
        return Optional.of(hints);
    }
}
