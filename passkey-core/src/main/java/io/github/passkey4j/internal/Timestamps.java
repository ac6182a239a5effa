package io.github.passkey4j.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps in UTC with exactly three fraction digits, as ZITADEL writes them. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /**
     * @param instant an instant
     * @return it formatted, e.g. {@code 2024-05-24T10:54:19.585Z}
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * @param instant an instant
     * @return it cut to milliseconds, the precision every store keeps
     */
    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Writes an {@link Instant} with {@link #format(Instant)}, whatever mapper the host uses. */
    public static final class Serializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        /** Creates the serializer. */
        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }
}
