package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The Passkey Endpoints document (W3C "A Well-Known URL for Passkey Endpoints"), served at
 * {@value #PATH}: where password managers send a user to create a passkey ({@code enroll}) and to
 * manage them ({@code manage}). Both are absolute {@code https} URLs ({@code http} only on
 * {@code localhost}). Serialises as {@code {"enroll": "...", "manage": "..."}}.
 *
 * @param enroll the page where a signed-in user adds a passkey
 * @param manage the page where a signed-in user lists, renames and removes passkeys
 */
@JsonPropertyOrder({"enroll", "manage"})
public record PasskeyEndpoints(String enroll, String manage) {

    /** The path the document is served at, on the RP's own origin. */
    public static final String PATH = "/.well-known/passkey-endpoints";

    /**
     * Checks both URLs.
     *
     * @param enroll the page where a signed-in user adds a passkey
     * @param manage the page where a signed-in user manages passkeys
     * @throws IllegalArgumentException naming the URL that is not absolute https (or http on localhost)
     */
    public PasskeyEndpoints {
        enroll = check("enroll", enroll);
        manage = check("manage", manage);
    }

    /**
     * @param enroll the page where a signed-in user adds a passkey
     * @param manage the page where a signed-in user manages passkeys
     * @return the document
     * @throws IllegalArgumentException naming the URL that is not absolute https (or http on localhost)
     */
    public static PasskeyEndpoints of(String enroll, String manage) {
        return new PasskeyEndpoints(enroll, manage);
    }

    private static String check(String field, String url) {
        Objects.requireNonNull(url, field);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = host.equals("localhost") || host.endsWith(".localhost");
        if (!uri.isAbsolute() || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http") && local)) {
            throw new IllegalArgumentException(field + " must be an absolute https URL (http only on localhost): " + url);
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(field + " must not carry user info: " + url);
        }
        return url;
    }
}
