package io.github.passkey4j.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.yubico.fido.metadata.FidoMetadataService;
import com.yubico.fido.metadata.MetadataBLOBPayload;
import io.github.passkey4j.AttestationPolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a FIDO Metadata Service BLOB that the host downloaded itself, entirely offline: the JWT's
 * signature is verified with the first certificate of its {@code x5c} header, that chain is validated
 * to the given root at the clock's time (against the given CRLs, when there are any; never by going
 * online), and the payload becomes Yubico's {@link FidoMetadataService} with its default filters (no
 * revoked authenticators, no compromised attestation keys). Yubico's own downloader is not used:
 * it fetches CRL distribution points from the network while it verifies.
 */
final class MetadataBlobs {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataBlobs.class);

    /** Read like Yubico's metadata codec: unknown fields ignored, unknown enum values to their default. */
    private static final ObjectReader PAYLOAD_READER = Json.MAPPER.readerFor(MetadataBLOBPayload.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    private MetadataBlobs() {
    }

    /**
     * @param blob the BLOB and what verifies it
     * @param clock the time its signing chain must be valid at
     * @return the metadata service
     * @throws IllegalArgumentException naming {@code attestationPolicy.metadataBlob} and why it was refused
     */
    static FidoMetadataService load(AttestationPolicy.MetadataBlob blob, Clock clock) {
        String[] parts = blob.jwt().split("\\.", -1);
        if (parts.length != 3) {
            throw refused("not a JWT in compact serialization");
        }
        JsonNode header = json(decode(parts[0]), "header");
        List<X509Certificate> chain = headerChain(header);
        String alg = header.path("alg").asText("");
        String javaAlg = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            default -> throw refused("unsupported JWS algorithm '" + alg + "'");
        };
        byte[] signedPart = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!verifies(javaAlg, chain.get(0).getPublicKey(), signedPart, decode(parts[2]))) {
            throw refused("its signature does not verify");
        }
        validateChain(chain, blob, clock);

        MetadataBLOBPayload payload;
        try {
            payload = PAYLOAD_READER.readValue(decode(parts[1]));
        } catch (IOException e) {
            throw refused("its payload cannot be read: " + e.getMessage());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (payload.getNextUpdate().isBefore(today)) {
            LOG.warn("the FIDO metadata BLOB no. {} was due for an update on {}; download a new one", payload.getNo(),
                    payload.getNextUpdate());
        }
        try {
            FidoMetadataService service = FidoMetadataService.builder().useBlob(payload).build();
            LOG.debug("FIDO metadata BLOB no. {} loaded: {} entries", payload.getNo(), payload.getEntries().size());
            return service;
        } catch (Exception e) {
            // build() declares the checked exceptions of Yubico's downloader; none applies to a payload
            throw refused("its entries cannot be used: " + e.getMessage());
        }
    }

    private static List<X509Certificate> headerChain(JsonNode header) {
        JsonNode x5c = header.get("x5c");
        if (x5c == null || !x5c.isArray() || x5c.isEmpty()) {
            throw refused("its header has no x5c certificate chain (x5u would need a download, which the library never does)");
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (JsonNode c : x5c) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(c.asText("")))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused("a certificate of its x5c header cannot be read");
        }
        return chain;
    }

    private static void validateChain(List<X509Certificate> chain, AttestationPolicy.MetadataBlob blob, Clock clock) {
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(c -> c.equals(blob.signingRoot()));
        if (path.isEmpty()) {
            throw refused("its x5c header holds only the root");
        }
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(blob.signingRoot(), null)));
            params.setDate(Date.from(clock.instant()));
            if (blob.crls().isEmpty()) {
                params.setRevocationEnabled(false);
            } else {
                PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
                checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                        PKIXRevocationChecker.Option.NO_FALLBACK));
                params.addCertPathChecker(checker);
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(blob.crls())));
            }
            validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw refused("its signing chain does not lead to the given root: " + e.getMessage());
        }
    }

    private static boolean verifies(String javaAlg, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(javaAlg);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(byte[] bytes, String what) {
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw refused("its " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw refused("its " + what + " is not JSON");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw refused("a part is not base64url");
        }
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("attestationPolicy.metadataBlob refused: " + why);
    }
}
