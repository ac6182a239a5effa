package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verification boundary tried as an attacker would, with a client that builds its own CBOR and
 * signs its own assertions: every malformed or unsound credential is refused with 400 and a reason of
 * its own, never a 500, and nothing is stored. Through the public API only.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final BigInteger P256 =
            new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

    private TestPasskeys t;
    private Passkeys passkeys;
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    @BeforeEach
    void setUp() {
        t = new TestPasskeys(new InMemoryPasskeyStore());
        passkeys = t.passkeys;
    }

    // ------------------------------------------------------------------ helpers

    /** A begun registration and the authenticator's valid answer to it. */
    private record Begun(PasskeyUser user, AddPasskeyResponse added, String credential) {
    }

    private Begun begin(Options o) {
        PasskeyUser user = newUser();
        AddPasskeyResponse added = passkeys.addPasskey(user);
        return new Begun(user, added, authenticator.create(added.creationOptionsJson(), o));
    }

    private void verify(Begun b, String credential) {
        passkeys.verifyPasskey(b.user().id(), b.added().passkeyId(), credential, "Key");
    }

    /** Verifies, expects a 400 with {@code reason} (null: any), and checks that nothing was stored. */
    private void assertRefused(Begun b, String credential, ErrorReason reason) {
        assertThatThrownBy(() -> verify(b, credential)).isInstanceOfSatisfying(PasskeyException.class, e -> {
            if (reason != null) {
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            }
            assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT);
            assertThat(e.httpStatus()).isEqualTo(400);
        });
        assertThat(passkeys.listPasskeys(b.user().id())).isEmpty();
        assertThat(t.store.findPasskey(b.added().passkeyId()).filter(StoredPasskey::isReady)).isEmpty();
    }

    /** The registration still verifies with a sound answer after the refusals. */
    private void assertStillVerifiable(Begun b) {
        verify(b, authenticator.create(b.added().creationOptionsJson(), Options.from(ORIGIN)));
        assertThat(passkeys.listPasskeys(b.user().id())).hasSize(1);
    }

    private static String withAttestationObject(String credential, UnaryOperator<byte[]> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(credential);
            ObjectNode response = (ObjectNode) json.get("response");
            byte[] att = B64URL_DECODER.decode(response.get("attestationObject").asText());
            response.put("attestationObject", B64URL.encodeToString(change.apply(att)));
            return JSON.writeValueAsString(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rewrites the authenticator data inside a "none" attestation object (which signs nothing). */
    private static String withAuthData(String credential, UnaryOperator<byte[]> change) {
        return withAttestationObject(credential, att -> {
            CBORObject o = CBORObject.DecodeFromBytes(att);
            return CBORObject.NewOrderedMap().Add("fmt", o.get("fmt")).Add("attStmt", o.get("attStmt"))
                    .Add("authData", change.apply(o.get("authData").GetByteString())).EncodeToBytes();
        });
    }

    private static byte[] authData(String credential) {
        try {
            byte[] att = B64URL_DECODER.decode(JSON.readTree(credential).get("response").get("attestationObject").asText());
            return CBORObject.DecodeFromBytes(att).get("authData").GetByteString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The offset of the COSE key in a registration's authenticator data. */
    private static int keyOffset(byte[] authData) {
        int idLength = ((authData[53] & 0xff) << 8) | (authData[54] & 0xff);
        return 55 + idLength;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] fixed(BigInteger n, int length) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** A sound P-256 point's x and y, 32 bytes each. */
    private static byte[][] p256Point() {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey pub = (ECPublicKey) kpg.generateKeyPair().getPublic();
            return new byte[][] {fixed(pub.getW().getAffineX(), 32), fixed(pub.getW().getAffineY(), 32)};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CBORObject ec2(Object kty, Object alg, Object crv, Object x, Object y) {
        CBORObject key = CBORObject.NewOrderedMap();
        if (kty != null) {
            key.Add(1, kty);
        }
        if (alg != null) {
            key.Add(3, alg);
        }
        if (crv != null) {
            key.Add(-1, crv);
        }
        if (x != null) {
            key.Add(-2, x);
        }
        if (y != null) {
            key.Add(-3, y);
        }
        return key;
    }

    // ------------------------------------------------------------------ public keys

    @Test
    void whenANoneRegistrationCarriesAnOffCurveP256PointThenItIsRefusedAndNothingIsStored() {
        byte[][] p = p256Point();
        byte[] y = p[1].clone();
        y[31] ^= 0x01;
        byte[] offCurve = ec2(2, -7, 1, p[0], y).EncodeToBytes();
        Begun b = begin(Options.from(ORIGIN).coseKey(offCurve));

        assertRefused(b, b.credential(), ErrorReason.COSE_KEY_INVALID);
        assertStillVerifiable(b);
    }

    @Test
    void whenTheCoseKeyWritesAnIntegerLongerThanItsShortestFormThenItIsRefusedWith400AndNothingIsStored() {
        // found by FuzzTest (INSERT_BYTE 0x18 after the key's map header): the label 1 written as 0x18 0x01 reads
        // the same to a lenient parser, but the engine re-encodes it, and the two readers disagreed: a 500 before
        byte[][] p = p256Point();
        byte[] canonical = ec2(2, -7, 1, p[0], p[1]).EncodeToBytes();
        byte[] longForm = new byte[canonical.length + 1];
        longForm[0] = canonical[0];
        longForm[1] = 0x18;
        System.arraycopy(canonical, 1, longForm, 2, canonical.length - 1);
        Begun b = begin(Options.from(ORIGIN).coseKey(longForm));

        assertRefused(b, b.credential(), ErrorReason.CBOR_INVALID);
        assertStillVerifiable(b);
    }

    @Test
    void whenAPackedRegistrationSignsAnOffCurvePointThenItIsRefusedAndNothingIsStored() {
        byte[][] p = p256Point();
        byte[] x = p[0].clone();
        x[0] ^= 0x40;
        Begun b = begin(Options.from(ORIGIN).format("packed").coseKey(ec2(2, -7, 1, x, p[1]).EncodeToBytes()));

        assertRefused(b, b.credential(), ErrorReason.COSE_KEY_INVALID);
    }

    static Stream<Arguments> unsoundEc2Keys() {
        byte[][] p = p256Point();
        byte[] zero = new byte[32];
        byte[] p384x = fixed(new BigInteger("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7", 16), 48);
        byte[] p384y = fixed(new BigInteger("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f", 16), 48);
        return Stream.of(
                Arguments.of("the point at infinity written as (0, 0)", ec2(2, -7, 1, zero, zero)),
                Arguments.of("x equal to the field prime", ec2(2, -7, 1, fixed(P256, 32), p[1])),
                Arguments.of("a 31-byte x", ec2(2, -7, 1, Arrays.copyOfRange(p[0], 1, 32), p[1])),
                Arguments.of("a 33-byte y", ec2(2, -7, 1, p[0], concat(new byte[1], p[1]))),
                Arguments.of("a P-384 point under ES256", ec2(2, -7, 2, p384x, p384y)),
                Arguments.of("an unknown curve", ec2(2, -7, 4, p[0], p[1])),
                Arguments.of("a compressed point", ec2(2, -7, 1, p[0], true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsoundEc2Keys")
    void whenAnEc2KeyIsUnsoundThenTheRegistrationIsRefused(String what, CBORObject key) {
        Begun b = begin(Options.from(ORIGIN).coseKey(key.EncodeToBytes()));

        assertRefused(b, b.credential(), ErrorReason.COSE_KEY_INVALID);
    }

    private static CBORObject rsa(long alg, BigInteger n, BigInteger e) {
        byte[] nb = n.toByteArray();
        if (nb[0] == 0) {
            nb = Arrays.copyOfRange(nb, 1, nb.length);
        }
        return CBORObject.NewOrderedMap().Add(1, 3).Add(3, alg).Add(-1, nb).Add(-2, e.toByteArray());
    }

    private static RSAPublicKey rsaKey(int bits) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
            kpg.initialize(bits);
            return (RSAPublicKey) kpg.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> unsoundRsaKeys() {
        BigInteger n = rsaKey(2048).getModulus();
        BigInteger f4 = BigInteger.valueOf(65537);
        return Stream.of(
                Arguments.of("a 1024-bit modulus", rsa(-257, rsaKey(1024).getModulus(), f4)),
                Arguments.of("an 8200-bit modulus", rsa(-257, BigInteger.ONE.shiftLeft(8199).setBit(0), f4)),
                Arguments.of("an even modulus", rsa(-257, n.clearBit(0), f4)),
                Arguments.of("exponent 1", rsa(-257, n, BigInteger.ONE)),
                Arguments.of("an even exponent", rsa(-257, n, BigInteger.valueOf(65536))),
                Arguments.of("a 300-bit exponent", rsa(-257, n, BigInteger.ONE.shiftLeft(299).setBit(0))),
                Arguments.of("an RSA key under ES256", rsa(-7, n, f4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsoundRsaKeys")
    void whenAnRsaKeyIsUnsoundThenTheRegistrationIsRefused(String what, CBORObject key) {
        Begun b = begin(Options.from(ORIGIN).coseKey(key.EncodeToBytes()));

        assertRefused(b, b.credential(), ErrorReason.COSE_KEY_INVALID);
    }

    @Test
    void whenAnRsaOrEd25519KeyIsSoundThenItIsStoredByteForByte() throws Exception {
        RSAPublicKey r = rsaKey(2048);
        byte[] rsaKey = rsa(-257, r.getModulus(), r.getPublicExponent()).EncodeToBytes();
        byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] edKey = CBORObject.NewOrderedMap().Add(1, 1).Add(3, -8).Add(-1, 6)
                .Add(-2, Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)).EncodeToBytes();
        for (byte[] key : List.of(rsaKey, edKey)) {
            Begun b = begin(Options.from(ORIGIN).coseKey(key));
            verify(b, b.credential());
            assertThat(t.store.findPasskey(b.added().passkeyId()).orElseThrow().publicKeyCose().toArray()).isEqualTo(key);
        }
    }

    static Stream<Arguments> unsoundOkpKeys() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod 2^255 - 19
        byte[] point = new byte[32];
        point[0] = 1; // y = 1, x = 0: the neutral element, a point
        return Stream.of(
                Arguments.of("a y with no x on Ed25519", okp(-8, 6, notAPoint)),
                Arguments.of("a 31-byte Ed25519 key", okp(-8, 6, Arrays.copyOf(point, 31))),
                Arguments.of("an Ed25519 key under ES256", okp(-7, 6, point)),
                Arguments.of("an unknown OKP curve (X25519)", okp(-8, 4, point)),
                Arguments.of("x = 0 with its sign bit set", okp(-8, 6, withSignBit(point))));
    }

    private static byte[] withSignBit(byte[] point) {
        byte[] b = point.clone();
        b[31] |= (byte) 0x80;
        return b;
    }

    private static CBORObject okp(long alg, long crv, byte[] x) {
        return CBORObject.NewOrderedMap().Add(1, 1).Add(3, alg).Add(-1, crv).Add(-2, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsoundOkpKeys")
    void whenAnOkpKeyIsUnsoundThenTheRegistrationIsRefused(String what, CBORObject key) {
        Begun b = begin(Options.from(ORIGIN).coseKey(key.EncodeToBytes()));

        assertRefused(b, b.credential(), ErrorReason.COSE_KEY_INVALID);
    }

    @Test
    void whenARegistrationIsStoredThenItsKeyIsTheAuthenticatorsAndVerifiesTheSignIn() {
        Begun b = begin(Options.from(ORIGIN).format("packed"));
        verify(b, b.credential());

        StoredPasskey stored = t.store.findPasskey(b.added().passkeyId()).orElseThrow();
        assertThat(stored.publicKeyCose().toArray()).isEqualTo(SoftwareAuthenticator.coseKeyOf(authenticator.last()));
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(b.user().id()));
        SignInResult r = passkeys.finishSignIn(c.ceremonyId(), authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));
        assertThat(r.passkeyId()).isEqualTo(b.added().passkeyId());
    }

    // ------------------------------------------------------------------ malformed COSE keys

    static Stream<Arguments> malformedCoseKeys() {
        byte[][] p = p256Point();
        CBORObject textLabel = CBORObject.NewOrderedMap().Add("1", 2).Add(3, -7).Add(-1, 1).Add(-2, p[0]).Add(-3, p[1]);
        CBORObject wrongSign = CBORObject.NewOrderedMap().Add(-4, 2).Add(3, -7).Add(-1, 1).Add(-2, p[0]).Add(-3, p[1]);
        CBORObject withPrivate = ec2(2, -7, 1, p[0], p[1]).Add(-4, new byte[32]);
        // {1.0: 2, 3: -7, -1: 1, -2: x, -3: y}: kty under a float label (f9 3c00 is half-precision 1.0)
        byte[] rest = ec2(null, -7, 1, p[0], p[1]).EncodeToBytes();
        byte[] floatLabel = concat(new byte[] {(byte) 0xa5, (byte) 0xf9, 0x3c, 0x00, 0x02}, Arrays.copyOfRange(rest, 1, rest.length));
        return Stream.of(
                Arguments.of("kty under a label of the wrong sign", wrongSign.EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("a text label", textLabel.EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("kty a text string", ec2("EC2", -7, 1, p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("alg a byte string", ec2(2, new byte[] {7}, 1, p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("crv a text string", ec2(2, -7, "P-256", p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("x an integer", ec2(2, -7, 1, 5, p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("y a text string", ec2(2, -7, 1, p[0], "y").EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("kty missing", ec2(null, -7, 1, p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("alg missing", ec2(2, null, 1, p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("crv missing", ec2(2, -7, null, p[0], p[1]).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("y missing", ec2(2, -7, 1, p[0], null).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("a private key (d) included", withPrivate.EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("an array instead of a map", CBORObject.NewArray().Add(2).Add(-7).EncodeToBytes(), ErrorReason.COSE_KEY_INVALID),
                Arguments.of("a float label", floatLabel, ErrorReason.CBOR_INVALID),
                Arguments.of("junk after the key", concat(ec2(2, -7, 1, p[0], p[1]).EncodeToBytes(), new byte[] {0x00, 0x01}),
                        ErrorReason.AUTHENTICATOR_DATA_INVALID),
                Arguments.of("a key cut short", Arrays.copyOf(ec2(2, -7, 1, p[0], p[1]).EncodeToBytes(), 40), ErrorReason.CBOR_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCoseKeys")
    void whenTheCoseKeyIsMalformedThenA400SaysWhatIsWrongNotA500(String what, byte[] key, ErrorReason reason) {
        for (String format : List.of("none", "packed")) {
            Begun b = begin(Options.from(ORIGIN).format(format).coseKey(key));
            assertRefused(b, b.credential(), reason);
        }
    }

    // ------------------------------------------------------------------ attestation formats

    @ParameterizedTest
    @ValueSource(strings = {"nonE", "packEd", "NONE", "Packed", "compound-ish", "", " none", "none\u0000"})
    void whenTheFormatIsNotARegisteredOneExactlySpelledThenItIsRefused(String format) {
        Begun b = begin(Options.from(ORIGIN).format(format));

        assertRefused(b, b.credential(), ErrorReason.ATTESTATION_FORMAT_UNSUPPORTED);
        assertStillVerifiable(b);
    }

    @Test
    void whenThePolicyOptsInThenAnUnknownFormatIsTreatedAsNone() {
        t = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder()
                .attestationPolicy(AttestationPolicy.builder().treatUnknownFormatsAsNone(true).build()));
        passkeys = t.passkeys;
        assertThat(AttestationPolicy.acceptAny().unknownFormatsAsNone()).as("off by default").isFalse();

        Begun b = begin(Options.from(ORIGIN).format("nonE"));
        verify(b, b.credential());

        StoredPasskey stored = t.store.findPasskey(b.added().passkeyId()).orElseThrow();
        assertThat(stored.attestationFormat()).isEqualTo("none");
        assertThat(stored.attestationTrusted()).isFalse();
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(b.user().id()));
        assertThat(passkeys.finishSignIn(c.ceremonyId(), authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)))
                .passkeyId()).isEqualTo(b.added().passkeyId());
    }

    // ------------------------------------------------------------------ the attestation object's CBOR

    private static byte[] text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {(byte) (0x60 | b.length)}, b);
    }

    private static byte[] bstrHeader(int length) {
        return new byte[] {0x59, (byte) (length >> 8), (byte) length};
    }

    static Stream<Arguments> malformedAttestationObjects() {
        return Stream.of(
                Arguments.of("byte-string keys", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap()
                            .Add(CBORObject.FromObject("fmt".getBytes(StandardCharsets.UTF_8)), o.get("fmt"))
                            .Add(CBORObject.FromObject("attStmt".getBytes(StandardCharsets.UTF_8)), o.get("attStmt"))
                            .Add(CBORObject.FromObject("authData".getBytes(StandardCharsets.UTF_8)), o.get("authData"))
                            .EncodeToBytes();
                }),
                Arguments.of("integer keys", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap().Add(1, o.get("fmt")).Add(2, o.get("attStmt"))
                            .Add(3, o.get("authData")).EncodeToBytes();
                }),
                Arguments.of("a duplicated fmt", (UnaryOperator<byte[]>) att -> {
                    byte[] authData = CBORObject.DecodeFromBytes(att).get("authData").GetByteString();
                    return concat(new byte[] {(byte) 0xa4}, text("fmt"), text("none"), text("fmt"), text("none"),
                            text("attStmt"), new byte[] {(byte) 0xa0}, text("authData"), bstrHeader(authData.length), authData);
                }),
                Arguments.of("an indefinite-length map", (UnaryOperator<byte[]>) att -> {
                    byte[] authData = CBORObject.DecodeFromBytes(att).get("authData").GetByteString();
                    return concat(new byte[] {(byte) 0xbf}, text("fmt"), text("none"), text("attStmt"), new byte[] {(byte) 0xa0},
                            text("authData"), bstrHeader(authData.length), authData, new byte[] {(byte) 0xff});
                }),
                Arguments.of("a trailing byte", (UnaryOperator<byte[]>) att -> concat(att, new byte[] {0})),
                Arguments.of("an extra key", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap().Add("fmt", o.get("fmt")).Add("attStmt", o.get("attStmt"))
                            .Add("authData", o.get("authData")).Add("epAtt", true).EncodeToBytes();
                }),
                Arguments.of("a tag", (UnaryOperator<byte[]>) att -> concat(new byte[] {(byte) 0xd8, 0x18}, att)),
                Arguments.of("nesting 40 deep in attStmt", (UnaryOperator<byte[]>) att -> {
                    byte[] authData = CBORObject.DecodeFromBytes(att).get("authData").GetByteString();
                    byte[] deep = new byte[41];
                    Arrays.fill(deep, 0, 40, (byte) 0x81);
                    deep[40] = 0x00;
                    return concat(new byte[] {(byte) 0xa3}, text("fmt"), text("none"), text("attStmt"),
                            new byte[] {(byte) 0xa1}, text("x"), deep, text("authData"), bstrHeader(authData.length), authData);
                }),
                Arguments.of("a huge declared length", (UnaryOperator<byte[]>) att -> concat(new byte[] {(byte) 0xa3},
                        text("fmt"), text("none"), text("attStmt"), new byte[] {(byte) 0xa0}, text("authData"),
                        new byte[] {0x5b, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0})),
                Arguments.of("a huge declared map size", (UnaryOperator<byte[]>) att -> concat(new byte[] {(byte) 0xbb,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, att)),
                Arguments.of("fmt not valid UTF-8", (UnaryOperator<byte[]>) att -> {
                    byte[] authData = CBORObject.DecodeFromBytes(att).get("authData").GetByteString();
                    return concat(new byte[] {(byte) 0xa3}, text("fmt"), new byte[] {0x64, 'n', (byte) 0xc3, 0x28, 'e'},
                            text("attStmt"), new byte[] {(byte) 0xa0}, text("authData"), bstrHeader(authData.length), authData);
                }),
                Arguments.of("fmt an integer", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap().Add("fmt", 7).Add("attStmt", o.get("attStmt"))
                            .Add("authData", o.get("authData")).EncodeToBytes();
                }),
                Arguments.of("a float in attStmt", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap().Add("fmt", o.get("fmt")).Add("attStmt", CBORObject.NewMap().Add("x", 1.5))
                            .Add("authData", o.get("authData")).EncodeToBytes();
                }),
                Arguments.of("authData missing", (UnaryOperator<byte[]>) att -> {
                    CBORObject o = CBORObject.DecodeFromBytes(att);
                    return CBORObject.NewOrderedMap().Add("fmt", o.get("fmt")).Add("attStmt", o.get("attStmt")).EncodeToBytes();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAttestationObjects")
    void whenTheAttestationObjectIsNotCanonicalCtap2CborThenItIsRefused(String what, UnaryOperator<byte[]> change) {
        Begun b = begin(Options.from(ORIGIN));

        assertRefused(b, withAttestationObject(b.credential(), change), ErrorReason.CBOR_INVALID);
        assertStillVerifiable(b);
    }

    static Stream<Arguments> malformedStatements() {
        return Stream.of(
                Arguments.of("packed", "alg renamed (found by FuzzTest: the engine's verifier failed with a NullPointerException)",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("`lg", st.get("alg")).Add("sig", st.get("sig"))),
                Arguments.of("packed", "alg a text string",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("alg", "ES256").Add("sig", st.get("sig"))),
                Arguments.of("packed", "sig missing", (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("alg", -7)),
                Arguments.of("packed", "x5c not an array",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", st.get("sig"))
                                .Add("x5c", new byte[] {1, 2, 3})),
                Arguments.of("packed", "x5c empty",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", st.get("sig"))
                                .Add("x5c", CBORObject.NewArray())),
                Arguments.of("packed", "x5c holding an integer",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", st.get("sig"))
                                .Add("x5c", CBORObject.NewArray().Add(5))),
                Arguments.of("none", "a none statement that is not empty",
                        (UnaryOperator<CBORObject>) st -> CBORObject.NewOrderedMap().Add("sig", new byte[] {0x30, 0x00})));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedStatements")
    void whenTheAttestationStatementLacksOrMistypesAFieldThenItIsRefusedWith400(String format, String what,
            UnaryOperator<CBORObject> change) {
        Begun b = begin(Options.from(ORIGIN).format(format));
        String changed = withAttestationObject(b.credential(), att -> {
            CBORObject o = CBORObject.DecodeFromBytes(att);
            return CBORObject.NewOrderedMap().Add("fmt", o.get("fmt")).Add("attStmt", change.apply(o.get("attStmt")))
                    .Add("authData", o.get("authData")).EncodeToBytes();
        });

        assertRefused(b, changed, ErrorReason.ATTESTATION_INVALID);
        assertStillVerifiable(b);
    }

    static Stream<Arguments> garbageStatements() {
        byte[] garbage = {0x30, 0x03, 0x02, 0x01, 0x05};
        CBORObject x5c = CBORObject.NewArray().Add(garbage);
        return Stream.of(
                Arguments.of("packed", CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", garbage).Add("x5c", x5c)),
                Arguments.of("packed", CBORObject.NewOrderedMap().Add("alg", -257).Add("sig", garbage)),
                Arguments.of("fido-u2f", CBORObject.NewOrderedMap().Add("sig", garbage).Add("x5c", x5c)),
                Arguments.of("android-key", CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", garbage).Add("x5c", x5c)),
                Arguments.of("tpm", CBORObject.NewOrderedMap().Add("ver", "2.0").Add("alg", -7).Add("sig", garbage)
                        .Add("certInfo", garbage).Add("pubArea", garbage).Add("x5c", x5c)),
                Arguments.of("tpm", CBORObject.NewOrderedMap().Add("ver", "2.0").Add("alg", -7).Add("sig", garbage)
                        .Add("certInfo", new byte[0]).Add("pubArea", new byte[0]).Add("x5c", x5c)),
                Arguments.of("android-safetynet", CBORObject.NewOrderedMap().Add("ver", "1").Add("response", garbage)),
                Arguments.of("android-safetynet", CBORObject.NewOrderedMap().Add("ver", "1")
                        .Add("response", "a.b.c".getBytes(StandardCharsets.UTF_8))),
                Arguments.of("apple", CBORObject.NewOrderedMap().Add("x5c", x5c)),
                // a parsable certificate, garbage elsewhere: the engine's deeper parsing
                Arguments.of("packed", CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", garbage).Add("x5c", realX5c())),
                Arguments.of("fido-u2f", CBORObject.NewOrderedMap().Add("sig", garbage).Add("x5c", realX5c())),
                Arguments.of("android-key", CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", garbage).Add("x5c", realX5c())),
                Arguments.of("tpm", CBORObject.NewOrderedMap().Add("ver", "2.0").Add("alg", -7).Add("sig", garbage)
                        .Add("certInfo", garbage).Add("pubArea", garbage).Add("x5c", realX5c())),
                Arguments.of("tpm", CBORObject.NewOrderedMap().Add("ver", "2.0").Add("alg", -257).Add("sig", garbage)
                        .Add("certInfo", new byte[0]).Add("pubArea", new byte[0]).Add("x5c", realX5c())),
                Arguments.of("apple", CBORObject.NewOrderedMap().Add("x5c", realX5c())),
                Arguments.of("android-safetynet", CBORObject.NewOrderedMap().Add("ver", "1").Add("response",
                        safetyNet("{\"alg\":\"RS256\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(realX5c().get(0).GetByteString())
                                + "\"]}", "{\"nonce\":5}"))),
                Arguments.of("android-safetynet", CBORObject.NewOrderedMap().Add("ver", "1").Add("response",
                        safetyNet("{\"alg\":\"RS256\",\"x5c\":[\"MAMCAQU=\"]}", "{}"))),
                Arguments.of("android-safetynet", CBORObject.NewOrderedMap().Add("ver", "1").Add("response",
                        safetyNet("[1]", "{}"))));
    }

    private static CBORObject realX5c() {
        try {
            java.security.KeyPair keys = io.github.passkey4j.testing.TestCertificates.ecKeyPair();
            return CBORObject.NewArray().Add(io.github.passkey4j.testing.TestCertificates.root("CN=Fuzz Root", keys).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] safetyNet(String header, String payload) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return (url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("garbageStatements")
    void whenAStatementOfTheRightShapeHoldsGarbageThenItIsA400NotA500(String format, CBORObject statement) {
        Begun b = begin(Options.from(ORIGIN));
        String changed = withAttestationObject(b.credential(), att -> {
            CBORObject o = CBORObject.DecodeFromBytes(att);
            return CBORObject.NewOrderedMap().Add("fmt", format).Add("attStmt", statement)
                    .Add("authData", o.get("authData")).EncodeToBytes();
        });

        assertRefused(b, changed, null);
    }

    static Stream<Arguments> malformedAuthenticatorData() {
        return Stream.of(
                Arguments.of("the AT flag cleared", (UnaryOperator<byte[]>) d -> {
                    byte[] c = d.clone();
                    c[32] &= ~0x40;
                    return c;
                }),
                Arguments.of("the ED flag set without extensions", (UnaryOperator<byte[]>) d -> {
                    byte[] c = d.clone();
                    c[32] |= (byte) 0x80;
                    return c;
                }),
                Arguments.of("extension data that is not a map", (UnaryOperator<byte[]>) d -> {
                    byte[] c = concat(d, new byte[] {0x01});
                    c[32] |= (byte) 0x80;
                    return c;
                }),
                Arguments.of("bytes after the extensions", (UnaryOperator<byte[]>) d -> {
                    byte[] c = concat(d, new byte[] {(byte) 0xa0, 0x00});
                    c[32] |= (byte) 0x80;
                    return c;
                }),
                Arguments.of("a credential id length past the end", (UnaryOperator<byte[]>) d -> {
                    byte[] c = d.clone();
                    c[53] = 0x03;
                    c[54] = (byte) 0xff;
                    return c;
                }),
                Arguments.of("an empty credential id", (UnaryOperator<byte[]>) d -> {
                    byte[] c = d.clone();
                    c[53] = 0;
                    c[54] = 0;
                    return c;
                }),
                Arguments.of("36 bytes", (UnaryOperator<byte[]>) d -> Arrays.copyOf(d, 36)),
                Arguments.of("cut inside the AAGUID", (UnaryOperator<byte[]>) d -> Arrays.copyOf(d, 45)),
                Arguments.of("cut before the key", (UnaryOperator<byte[]>) d -> Arrays.copyOf(d, keyOffset(d))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedAuthenticatorData")
    void whenTheAuthenticatorDataIsInconsistentWithItsFlagsThenItIsRefused(String what, UnaryOperator<byte[]> change) {
        Begun b = begin(Options.from(ORIGIN));

        assertRefused(b, withAuthData(b.credential(), change), ErrorReason.AUTHENTICATOR_DATA_INVALID);
    }

    @Test
    void whenASignInsAuthenticatorDataHasJunkOrAttestedDataThenItIsRefused() throws Exception {
        Begun b = begin(Options.from(ORIGIN));
        verify(b, b.credential());
        byte[] registered = authData(b.credential());
        byte[] attested = Arrays.copyOfRange(registered, 37, registered.length);
        for (boolean withAttestedData : List.of(false, true)) {
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(b.user().id()));
            // one junk byte; or attested credential data, with the AT flag saying so, as a confused authenticator
            String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).authDataTail(withAttestedData ? attested : new byte[] {0x00}));
            if (withAttestedData) {
                ObjectNode json = (ObjectNode) JSON.readTree(assertion);
                ObjectNode response = (ObjectNode) json.get("response");
                byte[] d = B64URL_DECODER.decode(response.get("authenticatorData").asText());
                d[32] |= 0x40;
                response.put("authenticatorData", B64URL.encodeToString(d));
                assertion = JSON.writeValueAsString(json);
            }
            String a = assertion;
            long before = t.store.findPasskey(b.added().passkeyId()).orElseThrow().signCount();
            assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), a)).isInstanceOfSatisfying(PasskeyException.class,
                    e -> assertThat(e.reason()).isEqualTo(ErrorReason.AUTHENTICATOR_DATA_INVALID));
            assertThat(t.store.findPasskey(b.added().passkeyId()).orElseThrow().lastUsedAt()).isEmpty();
            assertThat(t.store.findPasskey(b.added().passkeyId()).orElseThrow().signCount()).isEqualTo(before);
        }
    }

    // ------------------------------------------------------------------ every offset, every position

    /** The offsets where a CBOR item's header begins, byte and text string contents skipped. */
    private static List<Integer> itemStarts(byte[] cbor, int start, int end) {
        List<Integer> starts = new java.util.ArrayList<>();
        int pos = start;
        while (pos < end) {
            starts.add(pos);
            int major = (cbor[pos] & 0xff) >>> 5;
            int info = cbor[pos] & 0x1f;
            pos++;
            long argument = info;
            if (info >= 24 && info <= 27) {
                int size = 1 << (info - 24);
                argument = 0;
                for (int i = 0; i < size; i++) {
                    argument = (argument << 8) | (cbor[pos++] & 0xff);
                }
            }
            if (major == 2 || major == 3) {
                pos += (int) argument;
            }
        }
        return starts;
    }

    @Test
    void whenAnyItemOfTheAttestationObjectOrKeyHasAnotherMajorTypeThenTheRegistrationIsRefused() {
        Begun b = begin(Options.from(ORIGIN));
        byte[] att = B64URL_DECODER.decode(b.credential().replaceAll(".*\"attestationObject\":\"([^\"]+)\".*", "$1"));
        byte[] authData = authData(b.credential());
        int authDataStart = att.length - authData.length;
        int keyStart = authDataStart + keyOffset(authData);
        List<Integer> positions = new java.util.ArrayList<>(itemStarts(att, 0, authDataStart));
        positions.addAll(itemStarts(att, keyStart, att.length));
        assertThat(positions).hasSizeGreaterThan(15);

        int tried = 0;
        for (int position : positions) {
            for (int major = 0; major < 8; major++) {
                if (major == ((att[position] & 0xff) >>> 5)) {
                    continue;
                }
                byte[] changed = att.clone();
                changed[position] = (byte) ((major << 5) | (att[position] & 0x1f));
                String credential = withAttestationObject(b.credential(), x -> changed);
                assertThatThrownBy(() -> verify(b, credential)).as("major type %d at %d", major, position)
                        .isInstanceOfSatisfying(PasskeyException.class,
                                e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT));
                tried++;
            }
        }
        assertThat(tried).isEqualTo(positions.size() * 7);
        assertThat(passkeys.listPasskeys(b.user().id())).isEmpty();
        assertStillVerifiable(b);
    }

    @Test
    void whenTheAttestationObjectOrItsAuthenticatorDataIsCutAtAnyOffsetThenTheRegistrationIsRefused() {
        for (String format : List.of("none", "packed")) {
            Begun b = begin(Options.from(ORIGIN).format(format));
            byte[] att = B64URL_DECODER.decode(b.credential().replaceAll(".*\"attestationObject\":\"([^\"]+)\".*", "$1"));
            int authDataLength = authData(b.credential()).length;
            for (int cut = 0; cut < att.length; cut++) {
                int at = cut;
                assertRefused(b, withAttestationObject(b.credential(), x -> Arrays.copyOf(x, at)), null);
            }
            for (int cut = 0; cut < authDataLength; cut++) {
                int at = cut;
                assertRefused(b, withAuthData(b.credential(), d -> Arrays.copyOf(d, at)), null);
            }
            assertStillVerifiable(b);
        }
    }

    @Test
    void whenTheSignInsAuthenticatorDataOrSignatureIsCutAtAnyOffsetThenTheSignInIsRefused() throws Exception {
        Begun b = begin(Options.from(ORIGIN));
        verify(b, b.credential());
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(b.user().id()));
        String valid = authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN));
        StoredPasskey before = t.store.findPasskey(b.added().passkeyId()).orElseThrow();
        for (String field : List.of("authenticatorData", "signature")) {
            ObjectNode json = (ObjectNode) JSON.readTree(valid);
            byte[] bytes = B64URL_DECODER.decode(json.get("response").get(field).asText());
            for (int cut = 0; cut < bytes.length; cut++) {
                ((ObjectNode) json.get("response")).put(field, B64URL.encodeToString(Arrays.copyOf(bytes, cut)));
                String assertion = JSON.writeValueAsString(json);
                assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), assertion)).as("%s cut at %d", field, cut)
                        .isInstanceOfSatisfying(PasskeyException.class,
                                e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT));
            }
        }
        assertThat(t.store.findPasskey(b.added().passkeyId()).orElseThrow()).isEqualTo(before);
        assertThat(passkeys.finishSignIn(c.ceremonyId(), valid).passkeyId()).isEqualTo(b.added().passkeyId());
    }

    // ------------------------------------------------------------------ sizes

    @Test
    void whenTheCredentialIdIsTooLongThenNoStoreMethodIsCalledAtAll() throws Exception {
        InMemoryPasskeyStore real = new InMemoryPasskeyStore();
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean[] recording = {false};
        io.github.passkey4j.store.PasskeyStore recorder = (io.github.passkey4j.store.PasskeyStore) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {io.github.passkey4j.store.PasskeyStore.class},
                        (proxy, method, args) -> {
                            if (recording[0]) {
                                calls.add(method.getName());
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        t = new TestPasskeys(recorder);
        passkeys = t.passkeys;
        byte[] longId = new byte[10_000];
        new java.util.Random(1).nextBytes(longId);
        Begun b = begin(Options.from(ORIGIN).credentialId(longId));
        Begun registered = begin(Options.from(ORIGIN));
        verify(registered, registered.credential());
        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(registered.user().id()));
        ObjectNode assertion = (ObjectNode) JSON.readTree(authenticator.get(c.publicKeyCredentialRequestOptions(),
                Options.from(ORIGIN)));
        assertion.put("id", B64URL.encodeToString(longId)).put("rawId", B64URL.encodeToString(longId));

        recording[0] = true;
        assertThatThrownBy(() -> verify(b, b.credential())).isInstanceOfSatisfying(PasskeyException.class,
                e -> assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_ID_TOO_LONG));
        assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), JSON.writeValueAsString(assertion)))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.CREDENTIAL_ID_TOO_LONG));
        recording[0] = false;

        assertThat(calls).as("store calls made for an oversized credential id").isEmpty();
    }

    // ------------------------------------------------------------------ backup flags

    @Test
    void whenBackedUpWithoutBackupEligibilityThenRegistrationAndSignInAreRefusedWithOurReason() {
        Begun b = begin(Options.from(ORIGIN).backup(false, true));
        assertRefused(b, b.credential(), ErrorReason.BACKUP_FLAGS_INVALID);
        assertStillVerifiable(b);

        SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(b.user().id()));
        String assertion = authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).backup(false, true));
        assertThatThrownBy(() -> passkeys.finishSignIn(c.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.BACKUP_FLAGS_INVALID);
                    assertThat(e.toErrorBody().details().get(0).id()).isEqualTo("PASSKEY-BACKUP-FLAGS-INVALID");
                });
        assertThat(t.store.findPasskey(b.added().passkeyId()).orElseThrow().lastUsedAt()).isEmpty();
    }
}
