package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signature algorithms the library verifies itself, because Yubico's engine (its
 * {@code COSEAlgorithmIdentifier} enum and key-type step) knows none of them:
 * <ul>
 *   <li>RSASSA-PSS, PS256 (-37), PS384 (-38), PS512 (-39) (RFC 8230): the JDK's {@code RSASSA-PSS}
 *       with MGF1 over the same hash and a salt as long as the hash, as RFC 8230 section 2 fixes them;</li>
 *   <li>ML-DSA-44 (-48), ML-DSA-65 (-49), ML-DSA-87 (-50) (FIPS 204; COSE serialization by
 *       draft-ietf-cose-dilithium-11, published as RFC 9964: key type AKP (7), the raw public key in
 *       label -1, pure ML-DSA with the empty context): a JCA provider that has {@code ML-DSA}, which
 *       is the JDK's own from JDK 24 on, a provider the host registered, or BouncyCastle
 *       ({@code org.bouncycastle:bcprov-jdk18on}, 1.79 or later) found on the class path at run time
 *       and used without registering it.</li>
 * </ul>
 */
public final class OwnSignatures {

    /** RSASSA-PSS: PS256, PS384, PS512. */
    public static final List<Long> PSS = List.of(-37L, -38L, -39L);
    /** ML-DSA-44, ML-DSA-65, ML-DSA-87. */
    public static final List<Long> ML_DSA = List.of(-48L, -49L, -50L);

    /** The COSE key type AKP (Algorithm Key Pair) of draft-ietf-cose-dilithium. */
    static final long KTY_AKP = 7;

    /** An ML-DSA parameter set: its public key and signature lengths (FIPS 204, table 2) and its OID's last arc. */
    record MlDsa(String name, int publicKeyLength, int signatureLength, int oidArc) {
    }

    static final Map<Long, MlDsa> ML_DSA_SETS = Map.of(
            -48L, new MlDsa("ML-DSA-44", 1312, 2420, 0x11),
            -49L, new MlDsa("ML-DSA-65", 1952, 3309, 0x12),
            -50L, new MlDsa("ML-DSA-87", 2592, 4627, 0x13));

    private static final Map<Long, String> PSS_HASHES = Map.of(-37L, "SHA-256", -38L, "SHA-384", -39L, "SHA-512");
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("SHA-256", 32, "SHA-384", 48, "SHA-512", 64);
    private static final String BOUNCY_CASTLE = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    private static final boolean PSS_AVAILABLE = pssAvailable();

    /** The provider that verifies ML-DSA here, looked for once, when ML-DSA is first asked about. */
    private static final class MlDsaProvider {
        static final Optional<Provider> INSTANCE = findMlDsaProvider();
    }

    private OwnSignatures() {
    }

    /**
     * @param alg a COSE algorithm id
     * @return whether it is one the library verifies itself (whether or not this JVM can)
     */
    public static boolean isOwn(long alg) {
        return PSS.contains(alg) || ML_DSA.contains(alg);
    }

    /**
     * @param alg a COSE algorithm id
     * @return whether the library verifies it itself and a provider on this JVM can
     */
    public static boolean available(long alg) {
        if (PSS.contains(alg)) {
            return PSS_AVAILABLE;
        }
        return ML_DSA.contains(alg) && MlDsaProvider.INSTANCE.isPresent();
    }

    /** @return the provider that verifies ML-DSA, e.g. {@code SUN 25} or {@code BC 1.87}, when there is one */
    public static Optional<String> mlDsaProvider() {
        return MlDsaProvider.INSTANCE.map(p -> p.getName() + " " + p.getVersionStr());
    }

    /**
     * The public key of a COSE_Key that {@link CoseKeys#validate} accepted.
     *
     * @param cose the COSE_Key, as the strict reader gave it
     * @param alg its algorithm, one of {@link #PSS} or {@link #ML_DSA}
     * @return the key
     * @throws PasskeyException COSE_KEY_INVALID when no provider makes a key of it, ALGORITHM_UNSUPPORTED
     *     when no provider verifies its algorithm
     */
    static PublicKey publicKey(Map<?, ?> cose, long alg) {
        if (!available(alg)) {
            throw new PasskeyException(ErrorReason.ALGORITHM_UNSUPPORTED,
                    "the key algorithm " + Algorithms.describe(alg) + " is not supported");
        }
        try {
            if (PSS.contains(alg)) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, (byte[]) cose.get(-1L)), new BigInteger(1, (byte[]) cose.get(-2L))));
            }
            MlDsa set = ML_DSA_SETS.get(alg);
            return KeyFactory.getInstance("ML-DSA", MlDsaProvider.INSTANCE.orElseThrow())
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(set, (byte[]) cose.get(-1L))));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PasskeyException(ErrorReason.COSE_KEY_INVALID, "the credential public key cannot be read as "
                    + Algorithms.describe(alg), e);
        }
    }

    /**
     * Verifies a signature; a signature that cannot even be parsed does not verify.
     *
     * @param alg the COSE algorithm, one of {@link #PSS} or {@link #ML_DSA}
     * @param key the public key {@link #publicKey} made
     * @param data the signed bytes
     * @param signature the signature
     * @return whether it verifies
     */
    static boolean verify(long alg, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier;
            if (PSS.contains(alg)) {
                String hash = PSS_HASHES.get(alg);
                verifier = Signature.getInstance("RSASSA-PSS");
                verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        HASH_LENGTHS.get(hash), PSSParameterSpec.TRAILER_FIELD_BC));
            } else {
                MlDsa set = ML_DSA_SETS.get(alg);
                if (signature.length != set.signatureLength()) {
                    return false;
                }
                verifier = Signature.getInstance("ML-DSA", MlDsaProvider.INSTANCE.orElseThrow());
            }
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the provider of " + Algorithms.describe(alg) + " went away", e);
        }
    }

    /**
     * SubjectPublicKeyInfo of an ML-DSA key (RFC 9881): SEQUENCE { SEQUENCE { OID id-ml-dsa-* },
     * BIT STRING { 0 unused bits, the raw public key } }, the form every provider's key factory reads.
     */
    static byte[] subjectPublicKeyInfo(MlDsa set, byte[] raw) {
        byte[] algorithm = {0x30, 0x0b, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, (byte) set.oidArc()};
        int bitString = raw.length + 1;
        int inner = algorithm.length + 4 + bitString;
        byte[] out = new byte[4 + inner];
        int i = 0;
        out[i++] = 0x30;
        out[i++] = (byte) 0x82;
        out[i++] = (byte) (inner >>> 8);
        out[i++] = (byte) inner;
        System.arraycopy(algorithm, 0, out, i, algorithm.length);
        i += algorithm.length;
        out[i++] = 0x03;
        out[i++] = (byte) 0x82;
        out[i++] = (byte) (bitString >>> 8);
        out[i++] = (byte) bitString;
        out[i++] = 0;
        System.arraycopy(raw, 0, out, i, raw.length);
        return out;
    }

    private static boolean pssAvailable() {
        try {
            Signature.getInstance("RSASSA-PSS");
            KeyFactory.getInstance("RSA");
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * A registered provider with both an ML-DSA signature and key factory (the JDK's own from 24 on,
     * or one the host registered), else BouncyCastle if its provider class is on the class path.
     */
    private static Optional<Provider> findMlDsaProvider() {
        Provider[] registered = Security.getProviders("Signature.ML-DSA");
        if (registered != null) {
            for (Provider p : registered) {
                if (p.getService("KeyFactory", "ML-DSA") != null) {
                    return Optional.of(p);
                }
            }
        }
        for (ClassLoader loader : new ClassLoader[] {OwnSignatures.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            try {
                Provider bc = (Provider) Class.forName(BOUNCY_CASTLE, true, loader).getConstructor().newInstance();
                Signature.getInstance("ML-DSA", bc);
                KeyFactory.getInstance("ML-DSA", bc);
                return Optional.of(bc);
            } catch (ReflectiveOperationException | LinkageError | GeneralSecurityException | RuntimeException e) {
                // not there, or too old (ML-DSA came with BouncyCastle 1.79): try the next loader
            }
        }
        return Optional.empty();
    }
}
