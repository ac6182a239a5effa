package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.passkey4j.ProviderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider names read from a file in the format of the community list
 * passkeydeveloper/passkey-authenticator-aaguids ({@code {"<aaguid>": {"name": "...", "icon_dark":
 * ..., "icon_light": ...}}}). Read once, streaming, with the shared mapper's parser; only the names
 * are kept (the icons are most of such a file and are skipped unread). Immutable and thread-safe.
 */
public final class AaguidNames implements ProviderNames {

    private static final Logger LOG = LoggerFactory.getLogger(AaguidNames.class);
    private static final String BUNDLED = "/io/github/passkey4j/provider-names/aaguid.json";

    private final Map<UUID, String> names;
    private final Map<UUID, Icons> icons;

    private AaguidNames(Map<UUID, String> names, Map<UUID, Icons> icons) {
        this.names = Map.copyOf(names);
        this.icons = Map.copyOf(icons);
    }

    /** A data URI of an image in base64: the only icon form kept. */
    private static final java.util.regex.Pattern ICON = java.util.regex.Pattern.compile(
            "data:image/(svg\\+xml|png|webp|jpeg);base64,[A-Za-z0-9+/]+={0,2}");

    /** The bundled list, read on first use. */
    private static final class Bundled {
        static final AaguidNames INSTANCE = load();

        private static AaguidNames load() {
            try (InputStream in = AaguidNames.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled provider names " + BUNDLED + " are missing from the jar");
                }
                return read(in, "the bundled provider names", false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** @return the names bundled with the library (see {@code provider-names/NOTICE.md}) */
    public static AaguidNames bundled() {
        return Bundled.INSTANCE;
    }

    /**
     * @param json an {@code aaguid.json}; not closed
     * @param what what it is, for messages
     * @param withIcons whether to keep the icons ({@code icon_light}, {@code icon_dark})
     * @return the names it holds
     * @throws IllegalArgumentException naming the entry when the file is not in the expected format
     * @throws UncheckedIOException when it cannot be read
     */
    public static AaguidNames read(InputStream json, String what, boolean withIcons) {
        Objects.requireNonNull(json, "json");
        Map<UUID, String> names = new HashMap<>();
        Map<UUID, Icons> icons = new HashMap<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(what + ": not a JSON object of AAGUIDs");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                UUID aaguid;
                try {
                    aaguid = UUID.fromString(key);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(what + ": '" + key + "' is not an AAGUID", e);
                }
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(what + ": the entry of " + key + " is not an object");
                }
                String name = null;
                Optional<String> light = Optional.empty();
                Optional<String> dark = Optional.empty();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                        name = p.getText().strip();
                    } else if (withIcons && ("icon_light".equals(field) || "icon_dark".equals(field))
                            && value != JsonToken.VALUE_NULL) {
                        Optional<String> icon = icon(p, value, what, key, field);
                        if ("icon_light".equals(field)) {
                            light = icon;
                        } else {
                            dark = icon;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (light.isPresent() || dark.isPresent()) {
                    icons.put(aaguid, new Icons(light, dark));
                }
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException(what + ": the entry of " + key + " has no name");
                }
                names.put(aaguid, name);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IllegalArgumentException(what + ": unexpected content after the AAGUIDs");
            }
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                throw new IllegalArgumentException(what + ": not valid JSON", e);
            }
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) {
            LOG.warn("{} name no provider (the community list is emptied when it is retired); passkeys will be listed "
                    + "without provider names", what);
        }
        return new AaguidNames(names, icons);
    }

    /** One icon: a data URI of an image, at most {@link ProviderNames#MAX_ICON_CHARS}; a longer one is left out. */
    private static Optional<String> icon(JsonParser p, JsonToken value, String what, String key, String field)
            throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(what + ": the " + field + " of " + key + " is not a string");
        }
        int length = p.getTextLength();
        if (length > MAX_ICON_CHARS) {
            LOG.warn("{}: the {} of {} has {} characters, more than {}; left out", what, field, key, length, MAX_ICON_CHARS);
            return Optional.empty();
        }
        String text = p.getText();
        if (!ICON.matcher(text).matches()) {
            throw new IllegalArgumentException(what + ": the " + field + " of " + key
                    + " is not a data:image/(svg+xml|png|webp|jpeg);base64 URI");
        }
        return Optional.of(text);
    }

    @Override
    public Optional<Icons> iconsOf(UUID aaguid) {
        return Optional.ofNullable(icons.get(aaguid));
    }

    @Override
    public Optional<String> nameOf(UUID aaguid) {
        return Optional.ofNullable(names.get(aaguid));
    }

    /** @return how many AAGUIDs are named */
    public int size() {
        return names.size();
    }

    @Override
    public String toString() {
        return "AaguidNames[" + names.size() + " names, " + icons.size() + " with icons]";
    }
}
