package io.github.passkey4j;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One relying party: the RP id passkeys are scoped to, the name authenticators show, and the exact
 * origins (scheme, host and port) whose ceremonies are accepted for it. Origins are compared as
 * whole strings: no other port, no subdomain, no http for https. An Android app's origin is given as
 * {@code android:apk-key-hash:...}.
 *
 * <p>A configuration that no browser could ever use is refused when it is built, with an
 * {@link IllegalArgumentException} naming the field (or, from {@link #fromProperties(Map)}, the
 * property):
 * <ul>
 *   <li>an RP id that is not a lower-case ASCII domain name: {@code Example.COM} is refused, not
 *       lower-cased, because the RP id is stored with every passkey and compared as given (write
 *       {@code example.com}; an internationalised name in its {@code xn--} form);</li>
 *   <li>an IP address as RP id ({@code 127.0.0.1}, {@code ::1}, also forms a browser reads as IPv4,
 *       such as {@code 127.1}): WebAuthn scopes passkeys to domains only;</li>
 *   <li>an RP id that is a public suffix ({@code com}, {@code co.uk}, {@code github.io}), from the
 *       Public Suffix List that Guava's {@code InternetDomainName} carries: browsers refuse it;</li>
 *   <li>an origin whose host is neither the RP id nor a subdomain of it ({@code https://evil.org} for
 *       {@code example.com}), unless it is an {@code android:apk-key-hash:} origin or listed in
 *       {@link #relatedOrigins()};</li>
 *   <li>an {@code http:} origin other than {@code http://localhost} (with any port) or a
 *       {@code *.localhost} host: WebAuthn runs only in secure contexts. {@code http://127.0.0.1} and
 *       {@code http://[::1]} are secure contexts too, but their RP id would be an IP address;</li>
 *   <li>an origin that differs from the one a browser writes: upper-case host, the scheme's default
 *       port ({@code https://example.com:443}), a path, query, fragment or user info.</li>
 * </ul>
 *
 * @param id the RP id, a registrable domain such as {@code example.com} (or a subdomain of one), or
 *     {@code localhost}
 * @param name the name authenticators show
 * @param origins the allowed origins, at least one: each on the RP id's domain (the RP id or a
 *     subdomain of it) or an {@code android:apk-key-hash:} origin
 * @param relatedOrigins further web origins on other domains that are accepted for this RP id
 *     (WebAuthn Related Origin Requests); the host must list them in the
 *     {@code https://<rp id>/.well-known/webauthn} document it serves, or browsers will not use them.
 *     Usually empty
 */
public record RelyingPartyConfig(String id, String name, Set<String> origins, Set<String> relatedOrigins) {

    /** The property holding the RP id, for {@link #fromProperties(Map)}. */
    public static final String PROPERTY_ID = "passkey4j.rp.id";
    /** The property holding the name authenticators show. */
    public static final String PROPERTY_NAME = "passkey4j.rp.name";
    /** The property holding the allowed origins, comma-separated. */
    public static final String PROPERTY_ORIGINS = "passkey4j.rp.origins";
    /** The optional property holding the related origins, comma-separated. */
    public static final String PROPERTY_RELATED_ORIGINS = "passkey4j.rp.related-origins";

    /**
     * Where browsers fetch the Related Origin Requests document, on {@code https://<RP id>}; see
     * {@link #relatedOriginsDocument()}.
     */
    public static final String RELATED_ORIGINS_PATH = "/.well-known/webauthn";
    /** How many distinct labels of related origins browsers must honour (WebAuthn Level 3, 5.11.1). */
    public static final int RELATED_ORIGIN_LABELS_HONOURED = 5;

    private static final String ANDROID_ORIGIN = "android:apk-key-hash:";
    private static final String PROPERTY_PREFIX = "passkey4j.rp.";
    /** A last label that the WHATWG URL parser reads as an IPv4 number (decimal, or hex with 0x). */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    /**
     * Validates the components; fails naming the field.
     *
     * @param id the RP id, a registrable domain such as {@code example.com} or {@code localhost}
     * @param name the name authenticators show
     * @param origins the allowed origins, at least one
     * @param relatedOrigins further origins on other domains accepted for this RP id, usually empty
     * @throws IllegalArgumentException when a field is invalid
     * @throws NullPointerException when a field is null
     */
    public RelyingPartyConfig {
        Fields fields = new Fields("relyingParty.id", "relyingParty.name", "relyingParty.origins",
                "relyingParty.relatedOrigins");
        validate(id, name, origins, relatedOrigins, fields);
        origins = Set.copyOf(new LinkedHashSet<>(origins));
        relatedOrigins = Set.copyOf(new LinkedHashSet<>(relatedOrigins));
    }

    /**
     * A relying party without related origins.
     *
     * @param id the RP id
     * @param name the name authenticators show
     * @param origins the allowed origins
     * @throws IllegalArgumentException when a field is invalid
     */
    public RelyingPartyConfig(String id, String name, Set<String> origins) {
        this(id, name, origins, Set.of());
    }

    /**
     * @param id the RP id
     * @param name the name authenticators show
     * @param origins the allowed origins
     * @return the relying party
     * @throws IllegalArgumentException when a field is invalid
     */
    public static RelyingPartyConfig of(String id, String name, String... origins) {
        return new RelyingPartyConfig(id, name, Set.of(origins));
    }

    /**
     * @param relatedOrigins web origins on other domains to accept too (see {@link #relatedOrigins()})
     * @return a copy with these related origins instead of the current ones
     * @throws IllegalArgumentException when one is invalid
     */
    public RelyingPartyConfig withRelatedOrigins(String... relatedOrigins) {
        return new RelyingPartyConfig(id, name, origins, Set.of(relatedOrigins));
    }

    /**
     * Reads a relying party from configuration properties, with the names the Spring Boot starter
     * binds:
     * <table>
     *   <caption>Properties</caption>
     *   <tr><th>name</th><th></th></tr>
     *   <tr><td>{@code passkey4j.rp.id}</td><td>required: the RP id, e.g. {@code example.com}</td></tr>
     *   <tr><td>{@code passkey4j.rp.name}</td><td>required: the name authenticators show</td></tr>
     *   <tr><td>{@code passkey4j.rp.origins}</td><td>required: comma-separated origins, e.g.
     *       {@code https://example.com,https://login.example.com}</td></tr>
     *   <tr><td>{@code passkey4j.rp.related-origins}</td><td>optional: comma-separated related
     *       origins</td></tr>
     * </table>
     * Spaces around values and commas are ignored. Other keys starting with {@code passkey4j.rp.}
     * are refused (a misspelt name would otherwise be ignored silently); keys outside that prefix
     * are ignored, so a map of all of an application's properties may be passed.
     *
     * @param properties the properties
     * @return the relying party
     * @throws IllegalArgumentException naming the property, when one is missing, unknown or invalid
     */
    public static RelyingPartyConfig fromProperties(Map<String, String> properties) {
        Objects.requireNonNull(properties, "properties");
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.keySet()) {
            if (key != null && key.startsWith(PROPERTY_PREFIX) && !List.of(PROPERTY_ID, PROPERTY_NAME, PROPERTY_ORIGINS,
                    PROPERTY_RELATED_ORIGINS).contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown properties " + unknown + "; known are " + PROPERTY_ID + ", "
                    + PROPERTY_NAME + ", " + PROPERTY_ORIGINS + " and " + PROPERTY_RELATED_ORIGINS);
        }
        String id = required(properties, PROPERTY_ID);
        String name = required(properties, PROPERTY_NAME);
        Set<String> origins = list(properties, PROPERTY_ORIGINS, required(properties, PROPERTY_ORIGINS));
        String related = properties.get(PROPERTY_RELATED_ORIGINS);
        Set<String> relatedOrigins = related == null || related.isBlank()
                ? Set.of() : list(properties, PROPERTY_RELATED_ORIGINS, related);
        validate(id, name, origins, relatedOrigins,
                new Fields(PROPERTY_ID, PROPERTY_NAME, PROPERTY_ORIGINS, PROPERTY_RELATED_ORIGINS));
        return new RelyingPartyConfig(id, name, origins, relatedOrigins);
    }

    /** @return every origin whose ceremonies are accepted: {@link #origins()} and {@link #relatedOrigins()} */
    public Set<String> allowedOrigins() {
        if (relatedOrigins.isEmpty()) {
            return origins;
        }
        Set<String> all = new LinkedHashSet<>(origins);
        all.addAll(relatedOrigins);
        return Set.copyOf(all);
    }

    /**
     * The Related Origin Requests document to serve at {@code https://<RP id>}{@value #RELATED_ORIGINS_PATH}
     * (as {@code application/json}), so that browsers let the related origins use this RP id:
     * {@code {"origins": ["https://...", ...]}}, the related origins in order.
     *
     * @return the document, or empty when there are no related origins (serve 404 then)
     */
    public java.util.Optional<String> relatedOriginsDocument() {
        if (relatedOrigins.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder json = new StringBuilder("{\"origins\":[");
        String separator = "";
        for (String origin : new TreeSet<>(relatedOrigins)) {
            // origins are validated (scheme, lower-case host, port): nothing in them needs escaping but these two
            json.append(separator).append('"').append(origin.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            separator = ",";
        }
        return java.util.Optional.of(json.append("]}").toString());
    }

    /**
     * The distinct labels of the related origins, as browsers count them: the label of each origin's
     * registrable domain before its public suffix ({@code example} for {@code https://login.example.co.uk}),
     * from the Public Suffix List Guava carries. Browsers must honour {@value #RELATED_ORIGIN_LABELS_HONOURED};
     * beyond that they may ignore origins, and {@code Passkeys} warns at startup.
     *
     * @return the labels, sorted
     */
    public Set<String> relatedOriginLabels() {
        Set<String> labels = new TreeSet<>();
        for (String origin : relatedOrigins) {
            String host = URI.create(origin).getHost();
            InternetDomainName name = InternetDomainName.from(host);
            if (name.isUnderPublicSuffix()) {
                labels.add(name.topPrivateDomain().parts().get(0));
            } else {
                labels.add(host); // localhost and names outside the list count as themselves
            }
        }
        return labels;
    }

    private static String required(Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.trim();
    }

    private static Set<String> list(Map<String, String> properties, String key, String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException(key + " has an empty entry: '" + value + "'");
            }
            items.add(trimmed);
        }
        return items;
    }

    /** The names errors use for the four fields. */
    private record Fields(String id, String name, String origins, String relatedOrigins) {
    }

    private static void validate(String id, String name, Set<String> origins, Set<String> relatedOrigins, Fields f) {
        Objects.requireNonNull(id, f.id());
        validateId(id, f.id());
        Objects.requireNonNull(name, f.name());
        if (name.isBlank()) {
            throw new IllegalArgumentException(f.name() + " must not be blank");
        }
        Objects.requireNonNull(origins, f.origins());
        if (origins.isEmpty()) {
            throw new IllegalArgumentException(f.origins() + " must name at least one origin");
        }
        for (String origin : origins) {
            Objects.requireNonNull(origin, f.origins() + "[]");
            if (origin.startsWith(ANDROID_ORIGIN)) {
                if (origin.length() == ANDROID_ORIGIN.length()) {
                    throw new IllegalArgumentException(f.origins() + ": empty android:apk-key-hash origin");
                }
                continue;
            }
            String host = webOriginHost(origin, f.origins());
            if (!host.equals(id) && !host.endsWith("." + id)) {
                throw new IllegalArgumentException(f.origins() + ": '" + origin + "' is not on the RP id's domain '" + id
                        + "' (its host must be " + id + " or a subdomain of it); an origin on another domain must be"
                        + " declared in " + f.relatedOrigins() + " and listed in https://" + id
                        + "/.well-known/webauthn");
            }
        }
        Objects.requireNonNull(relatedOrigins, f.relatedOrigins());
        for (String origin : relatedOrigins) {
            Objects.requireNonNull(origin, f.relatedOrigins() + "[]");
            if (origin.startsWith(ANDROID_ORIGIN)) {
                throw new IllegalArgumentException(f.relatedOrigins() + ": '" + origin
                        + "' is an Android app's origin; put it in " + f.origins());
            }
            webOriginHost(origin, f.relatedOrigins());
        }
    }

    private static void validateId(String id, String field) {
        if (id.isBlank() || !id.equals(id.trim()) || id.contains("/") || id.contains(":") || id.contains("[")) {
            if (id.contains(":") && InetAddresses.isInetAddress(id.replace("[", "").replace("]", ""))) {
                throw new IllegalArgumentException(field + " must be a domain, not an IP address: '" + id + "'");
            }
            throw new IllegalArgumentException(field + " must be a bare domain such as example.com: '" + id + "'");
        }
        if (!id.chars().allMatch(c -> c < 0x80)) {
            String ascii;
            try {
                ascii = IDN.toASCII(id);
            } catch (IllegalArgumentException e) {
                ascii = "its xn-- form";
            }
            throw new IllegalArgumentException(field + " must be written in ASCII, as browsers send it: '" + id
                    + "' is '" + ascii.toLowerCase(Locale.ROOT) + "'");
        }
        if (!id.equals(id.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + " must be lower case, as browsers send it: '" + id + "' is '"
                    + id.toLowerCase(Locale.ROOT) + "' (it is stored with every passkey and compared exactly)");
        }
        String[] labels = id.split("\\.", -1);
        if (InetAddresses.isInetAddress(id) || NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException(field + " must be a domain, not an IP address: '" + id + "'");
        }
        if (id.endsWith(".") || !InternetDomainName.isValid(id)) {
            throw new IllegalArgumentException(field + " is not a valid domain name: '" + id + "'");
        }
        if (InternetDomainName.from(id).isPublicSuffix()) {
            throw new IllegalArgumentException(field + " is a public suffix, under which anyone can register a domain: '"
                    + id + "'; use your own domain under it, such as example." + id);
        }
    }

    /** Checks a web origin as a browser would write it and returns its host. */
    private static String webOriginHost(String origin, String field) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + ": not a URI: '" + origin + "'");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    field + ": an origin is https://host[:port] with nothing after it: '" + origin + "'");
        }
        String host = uri.getHost();
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + ": '" + origin + "' must be lower case, as browsers write origins");
        }
        int port = uri.getPort();
        if ((scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80)) {
            throw new IllegalArgumentException(field + ": '" + origin + "' names its scheme's default port, which"
                    + " browsers leave out of the origin: write " + scheme + "://" + host);
        }
        if (scheme.equals("http") && !(host.equals("localhost") || host.endsWith(".localhost"))) {
            throw new IllegalArgumentException(field + ": '" + origin + "' is http: passkeys work only in secure"
                    + " contexts, so use https (http is accepted for localhost only)");
        }
        return host;
    }
}
