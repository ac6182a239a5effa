package io.github.passkey4j.crypto;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.internal.ScopedEcdsa;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code Passkeys.Builder.ecdsaVerifier}: the instance's ECDSA verifications go to the provider given, and
 * nothing else in the JVM notices.
 */
class EcdsaVerifierTest {

    private static final byte[] DATA = "signed data".getBytes(StandardCharsets.UTF_8);

    /** BouncyCastle's ECDSA, counting the signatures it hands out. */
    private static final class Counting extends Provider {
        private static final long serialVersionUID = 1L;
        final transient AtomicInteger made = new AtomicInteger();

        Counting() {
            super("counting-BC", "1", "BouncyCastle's ECDSA, counted");
            Provider bc = new BouncyCastleProvider();
            for (String algorithm : ScopedEcdsa.ALGORITHMS) {
                putService(new Service(this, "Signature", algorithm, Signature.class.getName(), List.of(), Map.of()) {
                    @Override
                    public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                        made.incrementAndGet();
                        return Signature.getInstance(algorithm, bc);
                    }
                });
            }
        }
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    @Test
    void whenBuiltWithAVerifierThenItsSignInsAndPackedRegistrationsUseItAndAForgedSignatureIsRefused() {
        Counting counting = new Counting();
        TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().ecdsaVerifier(counting));
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        PasskeyUser user = newUser();

        t.registerPacked(authenticator, user);
        assertThat(counting.made.get()).as("the packed statement's signature").isEqualTo(1);

        assertThat(t.signIn(authenticator, user).userId()).isEqualTo(user.id());
        assertThat(counting.made.get()).as("and the assertion's").isEqualTo(2);

        SignInChallenge forged = t.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        String assertion = authenticator.get(forged.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).flipSignatureBit());
        assertThatThrownBy(() -> t.passkeys.finishSignIn(forged.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
        assertThat(counting.made.get()).isEqualTo(3);
    }

    @Test
    void whenOneInstanceHasAVerifierThenAnotherInstanceAndTheRestOfTheJvmKeepTheJdk() throws Exception {
        Counting counting = new Counting();
        new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().ecdsaVerifier(counting));
        TestPasskeys plain = new TestPasskeys();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        PasskeyUser user = newUser();
        plain.registerPacked(authenticator, user);
        plain.signIn(authenticator, user);
        assertThat(counting.made.get()).as("the other instance never asked it").isZero();

        // the JVM's order has the declining provider first, and JCA passes over it for every key
        assertThat(java.security.Security.getProvider(ScopedEcdsa.PROVIDER_NAME)).isNotNull();
        KeyPair keys = p256();
        for (String algorithm : ScopedEcdsa.ALGORITHMS) {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(keys.getPrivate());
            assertThat(signer.getProvider().getName()).isEqualTo("SunEC");
            signer.update(DATA);
            byte[] sig = signer.sign();

            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(keys.getPublic());
            assertThat(verifier.getProvider().getName()).as(algorithm).isEqualTo("SunEC");
            verifier.update(DATA);
            assertThat(verifier.verify(sig)).isTrue();
        }
        assertThat(counting.made.get()).isZero();
    }

    @Test
    void whenACallerPicksTheProviderBeforeGivingAKeyThenOutsideAScopeItStillVerifiesAndSignsAsTheJdkDoes()
            throws Exception {
        new TestPasskeys(new InMemoryPasskeyStore(), Passkeys.builder().ecdsaVerifier(new Counting()));
        KeyPair keys = p256();

        // getProvider() before init makes JCA take the first provider: the declining one
        Signature signer = Signature.getInstance("SHA256withECDSA");
        assertThat(signer.getProvider().getName()).isEqualTo(ScopedEcdsa.PROVIDER_NAME);
        signer.initSign(keys.getPrivate());
        signer.update(DATA);
        byte[] sig = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        assertThat(verifier.getProvider().getName()).isEqualTo(ScopedEcdsa.PROVIDER_NAME);
        verifier.initVerify(keys.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(sig)).isTrue();
        sig[sig.length - 1] ^= 1;
        verifier.initVerify(keys.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(sig)).isFalse();
    }

    @Test
    void whenAProviderLacksEcdsaThenTheBuilderRefusesItNamingTheAlgorithm() {
        Provider empty = new Provider("Empty", "1", "nothing") {
            private static final long serialVersionUID = 1L;
        };
        assertThatThrownBy(() -> Passkeys.builder().ecdsaVerifier(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ecdsaVerifier").hasMessageContaining("SHA256withECDSA");
        assertThatThrownBy(() -> Passkeys.builder().ecdsaVerifier(null)).isInstanceOf(NullPointerException.class);
    }
}
