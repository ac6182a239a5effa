package io.github.passkey4j.internal;

import com.yubico.webauthn.data.COSEAlgorithmIdentifier;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** COSE algorithms: their names, and which of them both the JVM and the WebAuthn engine can verify. */
public final class Algorithms {

    /**
     * The algorithms offered by default, in order of preference: ZITADEL's list
     * (-7, -35, -36, -257, -258, -259, -37, -38, -39, -8) less what cannot be verified here.
     */
    public static final List<Long> DEFAULT_PREFERENCE = List.of(-7L, -35L, -36L, -257L, -258L, -259L, -37L, -38L, -39L, -8L);

    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(-7L, "ES256"), Map.entry(-35L, "ES384"), Map.entry(-36L, "ES512"),
            Map.entry(-8L, "EdDSA"), Map.entry(-19L, "Ed25519"), Map.entry(-53L, "Ed448"),
            Map.entry(-257L, "RS256"), Map.entry(-258L, "RS384"), Map.entry(-259L, "RS512"),
            Map.entry(-37L, "PS256"), Map.entry(-38L, "PS384"), Map.entry(-39L, "PS512"),
            Map.entry(-65535L, "RS1"), Map.entry(-47L, "ES256K"),
            Map.entry(-48L, "ML-DSA-44"), Map.entry(-49L, "ML-DSA-65"), Map.entry(-50L, "ML-DSA-87"));

    private static final Map<Long, String> JAVA_SIGNATURES = Map.of(
            -7L, "SHA256withECDSA", -35L, "SHA384withECDSA", -36L, "SHA512withECDSA",
            -257L, "SHA256withRSA", -258L, "SHA384withRSA", -259L, "SHA512withRSA",
            -8L, "Ed25519", -19L, "Ed25519", -53L, "Ed448");

    private Algorithms() {
    }

    /**
     * The JCA signature algorithm of a COSE algorithm, for the attestation signatures the library
     * verifies itself (not RS1: SHA-1 is not accepted there).
     *
     * @param alg a COSE algorithm id
     * @return e.g. {@code SHA256withECDSA}, where known
     */
    static Optional<String> javaSignatureName(long alg) {
        return Optional.ofNullable(JAVA_SIGNATURES.get(alg));
    }

    /**
     * @param alg a COSE algorithm id
     * @return e.g. {@code ES256 (-7)}, or {@code COSE algorithm -999}
     */
    public static String describe(long alg) {
        String name = NAMES.get(alg);
        return name == null ? "COSE algorithm " + alg : name + " (" + alg + ")";
    }

    /**
     * @param alg a COSE algorithm id
     * @return the engine's identifier, when both the engine and this JVM can verify it
     */
    public static Optional<COSEAlgorithmIdentifier> supported(long alg) {
        COSEAlgorithmIdentifier known = SUPPORTED.get(alg);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<COSEAlgorithmIdentifier> id = COSEAlgorithmIdentifier.fromId(alg).filter(Algorithms::jvmSupports);
        // remember what is supported and ask again for the rest: should a provider be removed later, the
        // engine still refuses what it cannot verify, only with a less precise reason
        id.ifPresent(i -> SUPPORTED.put(alg, i));
        return id;
    }

    /** Algorithms found supported: asking the JCA costs a provider look-up per call. */
    private static final Map<Long, COSEAlgorithmIdentifier> SUPPORTED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param preference COSE algorithm ids in order of preference
     * @return the parameters for those the engine and JVM support, in the same order
     */
    public static List<PublicKeyCredentialParameters> parameters(List<Long> preference) {
        List<PublicKeyCredentialParameters> result = new ArrayList<>();
        for (long alg : preference) {
            supported(alg).ifPresent(id -> result.add(PublicKeyCredentialParameters.builder().alg(id).build()));
        }
        return List.copyOf(result);
    }

    /**
     * The algorithms to offer: the preference list, with the library-verified ones the host enabled
     * ({@link OwnSignatures}) kept where the list names them and appended where it does not, less
     * every algorithm neither the engine nor the library can verify on this JVM.
     *
     * @param preference COSE algorithm ids in order of preference
     * @param enabled the library-verified algorithms the host enabled
     * @return the algorithms to offer, in order
     */
    public static List<Long> offered(List<Long> preference, java.util.Set<Long> enabled) {
        java.util.LinkedHashSet<Long> all = new java.util.LinkedHashSet<>(preference);
        for (long alg : OwnSignatures.PSS) {
            if (enabled.contains(alg)) {
                all.add(alg);
            }
        }
        for (long alg : OwnSignatures.ML_DSA) {
            if (enabled.contains(alg)) {
                all.add(alg);
            }
        }
        List<Long> result = new ArrayList<>();
        for (long alg : all) {
            if (supported(alg).isPresent() || (enabled.contains(alg) && OwnSignatures.available(alg))) {
                result.add(alg);
            }
        }
        return List.copyOf(result);
    }

    /**
     * @param alg a COSE algorithm id
     * @return whether this JVM verifies it, through the engine or the library's own path
     */
    public static boolean verifiable(long alg) {
        return supported(alg).isPresent() || OwnSignatures.available(alg);
    }

    private static boolean jvmSupports(COSEAlgorithmIdentifier alg) {
        try {
            switch (alg) {
                case EdDSA:
                case Ed25519:
                    KeyFactory.getInstance("EdDSA");
                    Signature.getInstance("Ed25519");
                    return true;
                case Ed448:
                    KeyFactory.getInstance("EdDSA");
                    Signature.getInstance("Ed448");
                    return true;
                case ES256:
                    KeyFactory.getInstance("EC");
                    Signature.getInstance("SHA256withECDSA");
                    return true;
                case ES384:
                    KeyFactory.getInstance("EC");
                    Signature.getInstance("SHA384withECDSA");
                    return true;
                case ES512:
                    KeyFactory.getInstance("EC");
                    Signature.getInstance("SHA512withECDSA");
                    return true;
                case RS256:
                    KeyFactory.getInstance("RSA");
                    Signature.getInstance("SHA256withRSA");
                    return true;
                case RS384:
                    KeyFactory.getInstance("RSA");
                    Signature.getInstance("SHA384withRSA");
                    return true;
                case RS512:
                    KeyFactory.getInstance("RSA");
                    Signature.getInstance("SHA512withRSA");
                    return true;
                case RS1:
                    KeyFactory.getInstance("RSA");
                    Signature.getInstance("SHA1withRSA");
                    return true;
                default:
                    return false;
            }
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Verifies a signature with the JDK's algorithm; a malformed signature, or a key of another type
     * than the algorithm's, does not verify.
     *
     * @param javaAlg the JDK's signature algorithm, e.g. {@code SHA256withECDSA}
     * @param key the public key
     * @param data the signed bytes
     * @param signature the signature
     * @return whether it verifies
     */
    public static boolean verifies(String javaAlg, java.security.PublicKey key, byte[] data, byte[] signature) {
        try {
            java.security.Signature s = java.security.Signature.getInstance(javaAlg);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
