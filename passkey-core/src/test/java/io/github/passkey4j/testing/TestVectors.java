package io.github.passkey4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The test vectors in {@code src/test/resources/test-vectors/} (W3C WebAuthn Level 3 and responses
 * recorded from real devices by SimpleWebAuthn, py_webauthn and go-webauthn; see the README there),
 * read as data. Nothing here verifies anything: the tests hand the vectors to the library.
 */
public final class TestVectors {

    /** The vector files, in the order the README lists them. */
    public static final List<String> FILES = List.of("w3c-l3.json", "simplewebauthn.json", "py_webauthn.json",
            "go-webauthn.json");

    private static final String DIR = "/test-vectors/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Vector> ALL = load();
    private static final Map<String, X509Certificate> ANCHORS = loadAnchors();

    private TestVectors() {
    }

    /**
     * One vector.
     *
     * @param file the file it comes from
     * @param name its unique name
     * @param registration whether it is a registration (else an authentication)
     * @param fmt the attestation format, or "(unknown)" for an authentication whose source does not say
     * @param alg the COSE algorithm of the credential key
     * @param rpId the RP id the source expects
     * @param origin the origin the source expects
     * @param challenge the challenge the source expects, decoded
     * @param credentialJson the credential JSON, exactly as the source has it
     * @param credentialPublicKey the stored COSE key (authentication only)
     * @param prevSignCount the stored counter (authentication only)
     * @param userVerificationRequired whether the source required UV
     * @param expectOk whether the source expects success
     * @param expectReason why, in the source's words
     * @param atDate the verification time the source pinned, if any
     * @param trustAnchors names of the roots the source trusted for it
     * @param aaguid the AAGUID in its authenticator data (registration only)
     * @param credentialId the credential id
     * @param userHandle the user handle of an assertion, if it has one
     * @param topOrigin the top origin the relying party expects a cross-origin frame under, if any
     */
    public record Vector(
            String file,
            String name,
            boolean registration,
            String fmt,
            long alg,
            String rpId,
            String origin,
            byte[] challenge,
            String credentialJson,
            Optional<byte[]> credentialPublicKey,
            OptionalLong prevSignCount,
            boolean userVerificationRequired,
            boolean expectOk,
            String expectReason,
            Optional<Instant> atDate,
            List<String> trustAnchors,
            Optional<UUID> aaguid,
            byte[] credentialId,
            Optional<byte[]> userHandle,
            Optional<String> topOrigin) {

        /** @return the ceremony, as the files name it */
        public String ceremony() {
            return registration ? "registration" : "authentication";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** @return all vectors, in file order */
    public static List<Vector> all() {
        return ALL;
    }

    /**
     * @param name a vector's name
     * @return it
     * @throws IllegalArgumentException when there is none of that name
     */
    public static Vector named(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test vector named " + name));
    }

    /**
     * @param name a root's name in {@code trust-anchors.json}
     * @return the certificate
     */
    public static X509Certificate anchor(String name) {
        X509Certificate c = ANCHORS.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no trust anchor named " + name);
        }
        return c;
    }

    /** @return every root in {@code trust-anchors.json}, by name */
    public static Map<String, X509Certificate> anchors() {
        return ANCHORS;
    }

    /** Yubico's U2F/FIDO attestation root (see {@code attestation-roots/README.md}). */
    public static final String YUBICO_ROOT = "yubico-u2f-root-ca-serial-457200631.pem";
    /** Microsoft's TPM root for Windows Hello (see {@code attestation-roots/README.md}). */
    public static final String MICROSOFT_TPM_ROOT = "microsoft-tpm-root-ca-2014.pem";

    /**
     * @param file a file in {@code src/test/resources/attestation-roots/}
     * @return the vendor root certificate it holds
     */
    public static X509Certificate vendorRoot(String file) {
        try (InputStream in = TestVectors.class.getResourceAsStream("/attestation-roots/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /attestation-roots/" + file);
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateException e) {
            throw new IllegalStateException(file + " is not a certificate", e);
        }
    }

    /**
     * @param v a vector
     * @return the roots its source trusted
     */
    public static List<X509Certificate> anchorsOf(Vector v) {
        List<X509Certificate> result = new ArrayList<>();
        for (String n : v.trustAnchors()) {
            result.add(anchor(n));
        }
        return List.copyOf(result);
    }

    /**
     * Decodes base64url or standard base64, with or without padding (the files hold both, see the
     * README's caveat 4).
     *
     * @param text the text
     * @return the bytes
     */
    public static byte[] decode(String text) {
        String t = text.replace('+', '-').replace('/', '_');
        int end = t.length();
        while (end > 0 && t.charAt(end - 1) == '=') {
            end--;
        }
        return Base64.getUrlDecoder().decode(t.substring(0, end));
    }

    private static List<Vector> load() {
        List<Vector> result = new ArrayList<>();
        for (String file : FILES) {
            for (JsonNode v : read(file)) {
                result.add(vector(file, v));
            }
        }
        return List.copyOf(result);
    }

    private static Vector vector(String file, JsonNode v) {
        boolean registration = switch (text(v, "ceremony")) {
            case "registration" -> true;
            case "authentication" -> false;
            default -> throw new IllegalStateException(v.get("name") + ": unknown ceremony");
        };
        JsonNode credential = Objects.requireNonNull(v.get("credential"), "credential");
        JsonNode response = credential.get("response");
        JsonNode derived = v.path("derived");
        List<String> anchors = new ArrayList<>();
        v.path("trustAnchors").forEach(a -> anchors.add(a.asText()));
        JsonNode uh = response.get("userHandle");
        return new Vector(
                file,
                text(v, "name"),
                registration,
                v.get("fmt").isNull() ? "(unknown)" : v.get("fmt").asText(),
                v.get("alg").asLong(),
                text(v, "rpId"),
                text(v, "origin"),
                decode(text(v, "challenge")),
                credential.toString(),
                v.hasNonNull("credentialPublicKey") ? Optional.of(decode(text(v, "credentialPublicKey"))) : Optional.empty(),
                v.hasNonNull("prevSignCount") ? OptionalLong.of(v.get("prevSignCount").asLong()) : OptionalLong.empty(),
                v.path("userVerificationRequired").asBoolean(false),
                switch (text(v, "expect")) {
                    case "ok" -> true;
                    case "fail" -> false;
                    default -> throw new IllegalStateException(v.get("name") + ": unknown expectation");
                },
                text(v, "expectReason"),
                v.hasNonNull("atDate") ? Optional.of(Instant.parse(text(v, "atDate"))) : Optional.empty(),
                List.copyOf(anchors),
                derived.hasNonNull("aaguid") ? Optional.of(UUID.fromString(derived.get("aaguid").asText())) : Optional.empty(),
                decode(credential.hasNonNull("rawId") ? text(credential, "rawId") : text(credential, "id")),
                uh == null || uh.isNull() ? Optional.empty() : Optional.of(decode(uh.asText())),
                v.hasNonNull("topOrigin") ? Optional.of(text(v, "topOrigin")) : Optional.empty());
    }

    private static Map<String, X509Certificate> loadAnchors() {
        Map<String, X509Certificate> result = new LinkedHashMap<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode a : read("trust-anchors.json")) {
                result.put(text(a, "name"), (X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(decode(text(a, "der")))));
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("trust-anchors.json holds a certificate that cannot be read", e);
        }
        return Map.copyOf(result);
    }

    private static JsonNode read(String file) {
        try (InputStream in = TestVectors.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("test vector field " + field + " is missing in " + node.path("name"));
        }
        return value.asText();
    }
}
