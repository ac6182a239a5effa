package io.github.passkey4j.internal;

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
}
