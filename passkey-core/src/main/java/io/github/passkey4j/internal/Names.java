package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;

/** The rule for passkey names: 1 to 200 Unicode code points, no control characters. */
public final class Names {

    /** The longest name, in code points. */
    public static final int MAX_CODE_POINTS = 200;

    private Names() {
    }

    /**
     * @param name a name from the user
     * @return the name, unchanged
     * @throws PasskeyException INVALID_ARGUMENT {@link ErrorReason#NAME_INVALID} when it is empty,
     *     blank, longer than 200 code points, or holds a control character or a lone surrogate
     */
    public static String validate(String name) {
        if (name == null || name.isBlank()) {
            throw new PasskeyException(ErrorReason.NAME_INVALID, "the passkey name must not be empty");
        }
        int count = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL) {
                throw new PasskeyException(ErrorReason.NAME_INVALID, "the passkey name must not contain control characters");
            }
            if (type == Character.SURROGATE) {
                throw new PasskeyException(ErrorReason.NAME_INVALID, "the passkey name is not valid Unicode");
            }
            if (++count > MAX_CODE_POINTS) {
                throw new PasskeyException(ErrorReason.NAME_INVALID, "the passkey name must have at most 200 characters");
            }
            i += Character.charCount(cp);
        }
        return name;
    }
}
