package io.github.passkey4j;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One relying party: the RP id passkeys are scoped to, the name authenticators show, and the exact
 * origins (scheme, host and port) whose ceremonies are accepted for it. Origins are compared as
 * whole strings: no other port, no subdomain, no http for https. An Android app's origin is given as
 * {@code android:apk-key-hash:...}.
 *
 * @param id the RP id, a registrable domain such as {@code example.com} or {@code localhost}
 * @param name the name authenticators show
 * @param origins the allowed origins, at least one
 */
public record RelyingPartyConfig(String id, String name, Set<String> origins) {

    /**
     * Validates the components; fails naming the field.  @throws IllegalArgumentException when a field is invalid
     *
     * @param id the RP id, a registrable domain such as {@code example.com} or {@code localhost}
     * @param name the name authenticators show
     * @param origins the allowed origins, at least one
     */
    public RelyingPartyConfig {
        Objects.requireNonNull(id, "relyingParty.id");
        if (id.isBlank() || !id.equals(id.trim()) || id.contains("/") || id.contains(":")) {
            throw new IllegalArgumentException("relyingParty.id must be a bare domain such as example.com: '" + id + "'");
        }
        Objects.requireNonNull(name, "relyingParty.name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("relyingParty.name must not be blank");
        }
        Objects.requireNonNull(origins, "relyingParty.origins");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("relyingParty.origins must name at least one origin");
        }
        for (String origin : origins) {
            validateOrigin(origin);
        }
        origins = Set.copyOf(new LinkedHashSet<>(origins));
    }

    /**
     * @param id the RP id
     * @param name the name authenticators show
     * @param origins the allowed origins
     * @return the relying party
     */
    public static RelyingPartyConfig of(String id, String name, String... origins) {
        return new RelyingPartyConfig(id, name, Set.of(origins));
    }

    private static void validateOrigin(String origin) {
        Objects.requireNonNull(origin, "relyingParty.origins[]");
        if (origin.startsWith("android:apk-key-hash:")) {
            if (origin.length() == "android:apk-key-hash:".length()) {
                throw new IllegalArgumentException("relyingParty.origins: empty android:apk-key-hash origin");
            }
            return;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (Exception e) {
            throw new IllegalArgumentException("relyingParty.origins: not a URI: '" + origin + "'");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "relyingParty.origins: an origin is scheme://host[:port] with nothing after it: '" + origin + "'");
        }
    }
}
