package io.github.passkey4j;

import java.text.Normalizer;

/**
 * The rule for names people give and others read: passkey names (on verify and rename), and any name
 * of the host's that is shown beside them, such as a display name. Hosts call {@link #normalize} to
 * apply the same rule to their own names.
 *
 * <p>A name is normalised to Unicode NFC and then must have 1 to {@value #MAX_CODE_POINTS} code points
 * (counted after normalisation), not be blank, and contain no control character (general category
 * Cc, such as a tab or a line break), no bidi embedding, override or isolate control (U+202A to
 * U+202E, U+2066 to U+2069: they make a list show a name that reads differently from what it is) and
 * no lone surrogate. Other format characters stay allowed, so a zero-width joiner inside an emoji
 * sequence keeps it one emoji. The library stores and lists the normalised name.
 */
public final class Names {

    /** The longest name, in code points after NFC normalisation. */
    public static final int MAX_CODE_POINTS = 200;

    private Names() {
    }

    /**
     * Normalises a passkey name.
     *
     * @param name a name from the user
     * @return the name in NFC
     * @throws PasskeyException INVALID_ARGUMENT {@link ErrorReason#NAME_INVALID} when it breaks the rule
     */
    public static String normalize(String name) {
        return normalize(name, "the passkey name");
    }

    /**
     * Normalises a name of the host's (a display name, say) by the same rule as passkey names.
     *
     * @param name the name
     * @param field what it is, for the message, such as {@code "displayName"}
     * @return the name in NFC
     * @throws PasskeyException INVALID_ARGUMENT {@link ErrorReason#NAME_INVALID} when it breaks the
     *     rule; the message names {@code field} and the defect, never the name itself
     */
    public static String normalize(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new PasskeyException(ErrorReason.NAME_INVALID, field + " must not be empty");
        }
        // a lone surrogate would be replaced by the normaliser: refuse it before
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (Character.getType(cp) == Character.SURROGATE) {
                throw new PasskeyException(ErrorReason.NAME_INVALID, field + " is not valid Unicode");
            }
            i += Character.charCount(cp);
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
        int count = 0;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            if (Character.getType(cp) == Character.CONTROL) {
                throw new PasskeyException(ErrorReason.NAME_INVALID, field + " must not contain control characters");
            }
            if (isBidiControl(cp)) {
                throw new PasskeyException(ErrorReason.NAME_INVALID,
                        field + " must not contain bidi embedding, override or isolate characters (U+202A-U+202E, U+2066-U+2069)");
            }
            if (++count > MAX_CODE_POINTS) {
                throw new PasskeyException(ErrorReason.NAME_INVALID,
                        field + " must have at most " + MAX_CODE_POINTS + " characters");
            }
            i += Character.charCount(cp);
        }
        return normalized;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
