package io.github.passkey4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.Names;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.store.PasskeyExtensions;
import java.util.Optional;

/**
 * The browser's {@code clientExtensionResults}, written by an attacker until proven otherwise:
 * bounded in size and members, each extension we read checked for its type, every other one
 * ignored (WebAuthn: unknown extension outputs are ignored). Nothing here is trusted for a security
 * decision; PRF outputs ({@code prf.results}) are never read or kept.
 */
public final class ExtensionResults {

    /** The most a {@code clientExtensionResults} object may hold, serialised. */
    public static final int MAX_BYTES = 8 * 1024;
    /** The most members it may have. */
    public static final int MAX_MEMBERS = 32;
    /** The longest {@code authenticatorDisplayName} read before normalising (in chars). */
    private static final int MAX_DISPLAY_NAME_CHARS = 1024;

    private ExtensionResults() {
    }

    /**
     * @param root the credential JSON
     * @param registration whether it is a registration (credProps and prf.enabled are read) or an assertion
     * @return what a registration reported; {@link PasskeyExtensions#NONE} for an assertion
     * @throws PasskeyException {@link ErrorReason#EXTENSIONS_INVALID} naming the defect
     */
    public static PasskeyExtensions read(JsonNode root, boolean registration) {
        JsonNode results = root.get("clientExtensionResults");
        if (results == null || results.isNull()) {
            return PasskeyExtensions.NONE;
        }
        if (!results.isObject()) {
            throw invalid("clientExtensionResults must be an object");
        }
        if (results.isEmpty()) {
            return PasskeyExtensions.NONE; // what a sign-in usually sends: nothing to measure or read
        }
        if (results.size() > MAX_MEMBERS) {
            throw invalid("clientExtensionResults has more than " + MAX_MEMBERS + " members");
        }
        if (results.toString().length() > MAX_BYTES) {
            throw invalid("clientExtensionResults is larger than " + MAX_BYTES + " bytes");
        }
        JsonNode credProps = object(results, "credProps");
        JsonNode prf = object(results, "prf");
        if (!registration) {
            return PasskeyExtensions.NONE;
        }
        Optional<Boolean> rk = bool(credProps, "credProps.rk", "rk");
        Optional<Boolean> prfEnabled = bool(prf, "prf.enabled", "enabled");
        Optional<String> displayName = Optional.empty();
        JsonNode name = credProps == null ? null : credProps.get("authenticatorDisplayName");
        if (name != null && !name.isNull()) {
            if (!name.isTextual() || name.asText().length() > MAX_DISPLAY_NAME_CHARS) {
                throw invalid("credProps.authenticatorDisplayName must be a string of at most " + MAX_DISPLAY_NAME_CHARS
                        + " characters");
            }
            try {
                displayName = Optional.of(Names.normalize(name.asText().strip(), "credProps.authenticatorDisplayName"));
            } catch (PasskeyException e) {
                throw invalid(e.getMessage());
            }
        }
        return new PasskeyExtensions(rk, prfEnabled, displayName);
    }

    private static JsonNode object(JsonNode results, String field) {
        JsonNode value = results.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field + " must be an object");
        }
        return value;
    }

    private static Optional<Boolean> bool(JsonNode parent, String path, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw invalid(path + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    private static PasskeyException invalid(String message) {
        return new PasskeyException(ErrorReason.EXTENSIONS_INVALID, message);
    }
}
