package io.github.passkey4j.benchmarks;

import com.upokecenter.cbor.CBORObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * A browser and passkey authenticator for benchmarks: answers a ceremony with the one fixed
 * {@link #CHALLENGE}, so that answers can be made before the measured operation and still be valid.
 *
 * <p>Like passkey-test's {@code SoftwareAuthenticator} (EC P-256, "none" or "packed" self
 * attestation, UP, UV, BE and BS set, counter 0, browser-shaped {@code toJSON()} output), but cheap to
 * run in bulk: every credential shares one key pair (the library and the engine do not care; the
 * credential ids differ), and it signs with BouncyCastle's provider <em>by name</em>, never through
 * the provider order the benchmarks measure.
 */
public final class Authenticator {

    /** The RP id of every benchmark. */
    public static final String RP_ID = "example.com";
    /** The origin of every benchmark. */
    public static final String ORIGIN = "https://login.example.com";
    /** The challenge every ceremony of the prepared inputs carries. */
    public static final byte[] CHALLENGE = new byte[32];
    /** The AAGUID it reports. */
    public static final UUID AAGUID = UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4");

    static {
        for (int i = 0; i < CHALLENGE.length; i++) {
            CHALLENGE[i] = (byte) (0x5a ^ (i * 7));
        }
    }

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Provider SIGNER = new BouncyCastleProvider();

    private final KeyPair keys;
    private final byte[] cose;
    private final String spki;
    private final byte[] rpIdHash;
    private final byte[] createClientData;
    private final byte[] getClientData;
    private final byte[] createClientDataHash;
    private final byte[] getClientDataHash;
    private final ThreadLocal<Signature> signers;

    /** A new authenticator with a fresh P-256 key pair. */
    public Authenticator() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            keys = kpg.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        ECPublicKey pub = (ECPublicKey) keys.getPublic();
        cose = CBORObject.NewOrderedMap()
                .Add(1, 2).Add(3, -7).Add(-1, 1)
                .Add(-2, unsigned32(pub.getW().getAffineX()))
                .Add(-3, unsigned32(pub.getW().getAffineY()))
                .EncodeToBytes();
        spki = B64URL.encodeToString(pub.getEncoded());
        rpIdHash = sha256(RP_ID.getBytes(StandardCharsets.UTF_8));
        createClientData = clientData("webauthn.create");
        getClientData = clientData("webauthn.get");
        createClientDataHash = sha256(createClientData);
        getClientDataHash = sha256(getClientData);
        signers = ThreadLocal.withInitial(() -> {
            try {
                return Signature.getInstance("SHA256withECDSA", SIGNER);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @return the key pair every credential uses */
    public KeyPair keys() {
        return keys;
    }

    /** @return the COSE public key every credential has */
    public byte[] cose() {
        return cose.clone();
    }

    /**
     * @param salt distinguishes generators
     * @param n a number
     * @return a 32-byte credential id unique to {@code salt} and {@code n}, as random-looking as a
     *     real authenticator's (a structured id would make hash tables collide as real ids do not)
     */
    public static byte[] credentialId(long salt, long n) {
        ByteBuffer id = ByteBuffer.allocate(32);
        long state = salt ^ (n * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < 3; i++) {
            state += 0x9E3779B97F4A7C15L;
            id.putLong(mix(state));
        }
        return id.putLong(n).array();
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Answers creation options that carry {@link #CHALLENGE}, like {@code navigator.credentials.create}
     * followed by {@code toJSON()} (with the {@code authenticatorData}, {@code publicKey} and
     * {@code publicKeyAlgorithm} browsers add).
     *
     * @param credentialId the new credential's id
     * @param packed "packed" self attestation (one signature) instead of "none"
     * @return the credential JSON
     */
    public String registration(byte[] credentialId, boolean packed) {
        byte[] authData = authenticatorData(attestedCredentialData(credentialId));
        CBORObject attStmt = CBORObject.NewMap();
        if (packed) {
            attStmt.Add("alg", -7).Add("sig", sign(concat(authData, createClientDataHash)));
        }
        byte[] attestation = CBORObject.NewOrderedMap().Add("fmt", packed ? "packed" : "none").Add("attStmt", attStmt)
                .Add("authData", authData).EncodeToBytes();
        String id = B64URL.encodeToString(credentialId);
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\","
                + "\"authenticatorAttachment\":\"platform\",\"response\":{"
                + "\"clientDataJSON\":\"" + B64URL.encodeToString(createClientData) + "\","
                + "\"attestationObject\":\"" + B64URL.encodeToString(attestation) + "\","
                + "\"authenticatorData\":\"" + B64URL.encodeToString(authData) + "\","
                + "\"publicKeyAlgorithm\":-7,"
                + "\"publicKey\":\"" + spki + "\","
                + "\"transports\":[\"hybrid\",\"internal\"]},"
                + "\"clientExtensionResults\":{\"credProps\":{\"rk\":true}}}";
    }

    /**
     * Answers request options that carry {@link #CHALLENGE}, like {@code navigator.credentials.get}
     * followed by {@code toJSON()}: counter 0, as platform passkeys report.
     *
     * @param credentialId the credential
     * @param userHandle its user handle
     * @return the assertion JSON
     */
    public String assertion(byte[] credentialId, byte[] userHandle) {
        byte[] authData = authenticatorData(null);
        byte[] sig = sign(concat(authData, getClientDataHash));
        String id = B64URL.encodeToString(credentialId);
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\","
                + "\"authenticatorAttachment\":\"platform\",\"response\":{"
                + "\"clientDataJSON\":\"" + B64URL.encodeToString(getClientData) + "\","
                + "\"authenticatorData\":\"" + B64URL.encodeToString(authData) + "\","
                + "\"signature\":\"" + B64URL.encodeToString(sig) + "\","
                + "\"userHandle\":\"" + B64URL.encodeToString(userHandle) + "\"},"
                + "\"clientExtensionResults\":{}}";
    }

    /**
     * @param data the data to sign
     * @return a DER ECDSA P-256 SHA-256 signature by the shared key
     */
    public byte[] sign(byte[] data) {
        try {
            Signature s = signers.get();
            s.initSign(keys.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] clientData(String type) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + B64URL.encodeToString(CHALLENGE)
                + "\",\"origin\":\"" + ORIGIN + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] authenticatorData(byte[] attested) {
        int flags = 0x01 | 0x04 | 0x08 | 0x10 | (attested != null ? 0x40 : 0);
        ByteBuffer b = ByteBuffer.allocate(37 + (attested == null ? 0 : attested.length));
        b.put(rpIdHash);
        b.put((byte) flags);
        b.putInt(0);
        if (attested != null) {
            b.put(attested);
        }
        return b.array();
    }

    private byte[] attestedCredentialData(byte[] id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(18 + id.length + cose.length);
        out.writeBytes(ByteBuffer.allocate(16).putLong(AAGUID.getMostSignificantBits())
                .putLong(AAGUID.getLeastSignificantBits()).array());
        out.write((id.length >> 8) & 0xff);
        out.write(id.length & 0xff);
        out.writeBytes(id);
        out.writeBytes(cose);
        return out.toByteArray();
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
