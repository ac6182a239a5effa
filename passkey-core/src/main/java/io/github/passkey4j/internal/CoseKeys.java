package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * Validates a credential public key (a COSE_Key) before anything is stored: its labels and their
 * types, that key type, algorithm and curve agree, and that the key itself is sound: an EC2 point
 * lies on its curve (P-256, P-384, P-521) with coordinates of the curve's length, an RSA modulus has
 * 2048 to {@value #MAX_RSA_BITS} bits and its exponent is odd, above 1 and at most
 * {@value #MAX_RSA_EXPONENT_BITS} bits, and an OKP key (Ed25519, Ed448) is the encoding of a point of
 * its curve, and an ML-DSA key (key type AKP) has the length of its parameter set. Java's key
 * factories check none of this, and neither does the engine.
 */
final class CoseKeys {

    /** The largest RSA modulus accepted, in bits. */
    static final int MAX_RSA_BITS = 8192;
    /** The largest RSA public exponent accepted, in bits. */
    static final int MAX_RSA_EXPONENT_BITS = 256;

    private static final long KTY = 1;
    private static final long ALG = 3;
    private static final long KTY_OKP = 1;
    private static final long KTY_EC2 = 2;
    private static final long KTY_RSA = 3;
    /** Labels 1 to 5 are common to every key type (kty, kid, alg, key_ops, Base IV). */
    private static final Set<Long> COMMON = Set.of(1L, 2L, 3L, 4L, 5L);

    private CoseKeys() {
    }

    /** A Weierstrass curve y^2 = x^3 - 3x + b over GF(p). */
    private record Curve(String name, BigInteger p, BigInteger b, int length, long alg) {
        boolean contains(BigInteger x, BigInteger y) {
            if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
                return false;
            }
            BigInteger left = y.multiply(y).mod(p);
            // (x^2 - 3) x + b, reduced after each product: no product wider than twice the field
            BigInteger right = x.multiply(x).mod(p).subtract(THREE).multiply(x).add(b).mod(p);
            return left.equals(right);
        }
    }

    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final Set<Long> EC2_LABELS = Set.of(-1L, -2L, -3L);
    private static final Set<Long> RSA_LABELS = Set.of(-1L, -2L);
    private static final Set<Long> OKP_LABELS = Set.of(-1L, -2L);
    private static final Set<Long> AKP_LABELS = Set.of(-1L);

    private static final Map<Long, Curve> EC2_CURVES = Map.of(
            1L, new Curve("P-256",
                    new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16),
                    new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16), 32, -7),
            2L, new Curve("P-384",
                    new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", 16),
                    new BigInteger("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", 16),
                    48, -35),
            3L, new Curve("P-521", BigInteger.TWO.pow(521).subtract(BigInteger.ONE),
                    new BigInteger("0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00", 16),
                    66, -36));

    private static final BigInteger ED25519_P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** d = -121665/121666 mod p. */
    private static final BigInteger ED25519_D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(ED25519_P)).mod(ED25519_P);
    private static final BigInteger ED448_P = BigInteger.TWO.pow(448).subtract(BigInteger.TWO.pow(224)).subtract(BigInteger.ONE);
    private static final BigInteger ED448_D = BigInteger.valueOf(-39081).mod(ED448_P);

    /**
     * @param key the COSE_Key as the strict reader gave it
     * @return its algorithm
     * @throws PasskeyException COSE_KEY_INVALID naming the first defect
     */
    static long validate(Object key) {
        if (!(key instanceof Map<?, ?> map)) {
            throw invalid("the credential public key is not a CBOR map");
        }
        for (Object label : map.keySet()) {
            if (!(label instanceof Long)) {
                throw invalid("the credential public key has a label that is not an integer");
            }
        }
        long kty = integer(map, KTY, "kty (1)");
        long alg = integer(map, ALG, "alg (3)");
        if (kty == KTY_EC2) {
            ec2(map, alg);
        } else if (kty == KTY_RSA) {
            rsa(map, alg);
        } else if (kty == KTY_OKP) {
            okp(map, alg);
        } else if (kty == OwnSignatures.KTY_AKP && OwnSignatures.ML_DSA_SETS.containsKey(alg)) {
            akp(map, alg);
        } else {
            // a key type the library does not verify (such as AKP with another algorithm): the algorithm is the news
            throw new PasskeyException(ErrorReason.ALGORITHM_UNSUPPORTED, "the authenticator's key algorithm "
                    + Algorithms.describe(alg) + " (key type " + kty + ") is not supported");
        }
        return alg;
    }

    private static void ec2(Map<?, ?> map, long alg) {
        onlyLabels(map, EC2_LABELS, "EC2");
        long crv = integer(map, -1L, "crv (-1)");
        Curve curve = EC2_CURVES.get(crv);
        if (curve == null) {
            throw invalid("the EC2 credential public key has an unsupported curve (crv " + crv + ")");
        }
        if (curve.alg() != alg) {
            throw invalid("the EC2 credential public key's curve " + curve.name() + " does not match its algorithm "
                    + Algorithms.describe(alg));
        }
        byte[] x = bytes(map, -2L, "x (-2)");
        Object yValue = map.get(-3L);
        if (yValue instanceof Boolean) {
            throw invalid("the EC2 credential public key is point-compressed, which WebAuthn does not allow");
        }
        byte[] y = bytes(map, -3L, "y (-3)");
        if (x.length != curve.length() || y.length != curve.length()) {
            throw invalid("the EC2 credential public key's coordinates must have " + curve.length() + " bytes for "
                    + curve.name());
        }
        if (!curve.contains(new BigInteger(1, x), new BigInteger(1, y))) {
            throw invalid("the EC2 credential public key's point is not on " + curve.name());
        }
    }

    private static void rsa(Map<?, ?> map, long alg) {
        onlyLabels(map, RSA_LABELS, "RSA");
        if (!Set.of(-257L, -258L, -259L, -37L, -38L, -39L, -65535L).contains(alg)) {
            throw invalid("the RSA credential public key's algorithm " + Algorithms.describe(alg) + " is not an RSA one");
        }
        byte[] n = bytes(map, -1L, "n (-1)");
        byte[] e = bytes(map, -2L, "e (-2)");
        BigInteger modulus = new BigInteger(1, n);
        if (modulus.bitLength() < 2048 || modulus.bitLength() > MAX_RSA_BITS) {
            throw invalid("the RSA credential public key's modulus must have 2048 to " + MAX_RSA_BITS + " bits");
        }
        if (!modulus.testBit(0)) {
            throw invalid("the RSA credential public key's modulus is even");
        }
        BigInteger exponent = new BigInteger(1, e);
        if (exponent.bitLength() > MAX_RSA_EXPONENT_BITS || exponent.compareTo(BigInteger.ONE) <= 0 || !exponent.testBit(0)) {
            throw invalid("the RSA credential public key's exponent must be odd, above 1 and at most "
                    + MAX_RSA_EXPONENT_BITS + " bits");
        }
    }

    private static void okp(Map<?, ?> map, long alg) {
        onlyLabels(map, OKP_LABELS, "OKP");
        long crv = integer(map, -1L, "crv (-1)");
        byte[] x = bytes(map, -2L, "x (-2)");
        if (crv == 6) {
            if (alg != -8 && alg != -19) {
                throw invalid("the Ed25519 credential public key's algorithm " + Algorithms.describe(alg) + " does not match");
            }
            if (x.length != 32 || !onEdwardsCurve(x, ED25519_P, ED25519_D, BigInteger.ONE.negate())) {
                throw invalid("the Ed25519 credential public key is not a point of the curve (32 bytes)");
            }
        } else if (crv == 7) {
            if (alg != -8 && alg != -53) {
                throw invalid("the Ed448 credential public key's algorithm " + Algorithms.describe(alg) + " does not match");
            }
            if (x.length != 57 || !onEdwardsCurve(x, ED448_P, ED448_D, BigInteger.ONE)) {
                throw invalid("the Ed448 credential public key is not a point of the curve (57 bytes)");
            }
        } else {
            throw invalid("the OKP credential public key has an unsupported curve (crv " + crv + ")");
        }
    }

    /**
     * An ML-DSA key (key type AKP, draft-ietf-cose-dilithium-11 / RFC 9964): the public key in label -1,
     * of exactly the parameter set's length, and no private key (label -2) or seed.
     */
    private static void akp(Map<?, ?> map, long alg) {
        onlyLabels(map, AKP_LABELS, "AKP");
        OwnSignatures.MlDsa set = OwnSignatures.ML_DSA_SETS.get(alg);
        byte[] pub = bytes(map, -1L, "pub (-1)");
        if (pub.length != set.publicKeyLength()) {
            throw invalid("the " + set.name() + " credential public key must have " + set.publicKeyLength() + " bytes");
        }
    }

    /**
     * Whether {@code encoded} (RFC 8032: y little-endian, the top bit of the last byte the sign of x)
     * decodes to a point of a ⋅ x^2 + y^2 = 1 + d ⋅ x^2 ⋅ y^2, with a = {@code a}: y below p, and
     * x^2 = (y^2 - 1) / (d ⋅ y^2 - a) a square (zero only with the sign bit clear).
     */
    static boolean onEdwardsCurve(byte[] encoded, BigInteger p, BigInteger d, BigInteger a) {
        byte[] be = new byte[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            be[i] = encoded[encoded.length - 1 - i];
        }
        boolean sign = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be);
        if (y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger y2 = y.multiply(y).mod(p);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(p);
        BigInteger v = d.multiply(y2).subtract(a).mod(p);
        if (v.signum() == 0) {
            return false;
        }
        BigInteger x2 = u.multiply(v.modInverse(p)).mod(p);
        if (x2.signum() == 0) {
            return !sign;
        }
        // Euler's criterion: a square has x2^((p-1)/2) = 1
        return x2.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p).equals(BigInteger.ONE);
    }

    private static void onlyLabels(Map<?, ?> map, Set<Long> specific, String type) {
        for (Object label : map.keySet()) {
            if (!COMMON.contains(label) && !specific.contains(label)) {
                throw invalid("the " + type + " credential public key has an unexpected label " + label);
            }
        }
    }

    private static long integer(Map<?, ?> map, long label, String name) {
        Object value = map.get(label);
        if (value == null) {
            throw invalid("the credential public key lacks " + name);
        }
        if (!(value instanceof Long l)) {
            throw invalid("the credential public key's " + name + " must be an integer");
        }
        return l;
    }

    private static byte[] bytes(Map<?, ?> map, long label, String name) {
        Object value = map.get(label);
        if (value == null) {
            throw invalid("the credential public key lacks " + name);
        }
        if (!(value instanceof byte[] b)) {
            throw invalid("the credential public key's " + name + " must be a byte string");
        }
        return b;
    }

    private static PasskeyException invalid(String message) {
        return new PasskeyException(ErrorReason.COSE_KEY_INVALID, message);
    }
}
