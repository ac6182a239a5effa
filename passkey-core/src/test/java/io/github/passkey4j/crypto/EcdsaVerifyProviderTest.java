package io.github.passkey4j.crypto;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The opt-in ECDSA verification provider changes ECDSA verification and nothing else. BouncyCastle
 * is here only as a test dependency ({@code bcprov-jdk15to18}, which core's tests have for
 * webauthn4j-test; a second BC jar would clash with its signed packages); the library never depends
 * on it.
 */
class EcdsaVerifyProviderTest {

    private static final byte[] DATA = "signed data".getBytes(StandardCharsets.UTF_8);

    @AfterEach
    void restore() {
        EcdsaVerifyProvider.uninstall();
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(new ECGenParameterSpec("secp256r1"));
        return kpg.generateKeyPair();
    }

    private static byte[] sign(KeyPair keys, String algorithm) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(keys.getPrivate());
        s.update(DATA);
        return s.sign();
    }

    @Test
    void whenNothingIsInstalledThenTheJdkVerifiesAndNothingIsReported() throws Exception {
        KeyPair keys = p256();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(keys.getPublic());
        assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
        assertThat(EcdsaVerifyProvider.installedSource()).isEmpty();
        assertThat(EcdsaVerifyProvider.uninstall()).isFalse();
    }

    @Test
    void whenBouncyCastleIsInstalledThenEcdsaVerificationUsesItFirstAndStillRejectsBadSignatures() throws Exception {
        assertThat(EcdsaVerifyProvider.installBouncyCastle()).isTrue();
        assertThat(EcdsaVerifyProvider.installedSource()).contains("BC");
        assertThat(Security.getProviders()[0].getName()).isEqualTo(EcdsaVerifyProvider.PROVIDER_NAME);
        // BouncyCastle itself is not registered: only the three verifications are reachable
        assertThat(Security.getProvider("BC")).isNull();

        KeyPair keys = p256();
        for (String algorithm : EcdsaVerifyProvider.ALGORITHMS) {
            byte[] sig = sign(keys, algorithm);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(keys.getPublic());
            assertThat(verifier.getProvider().getName()).isEqualTo(EcdsaVerifyProvider.PROVIDER_NAME);
            verifier.update(DATA);
            assertThat(verifier.verify(sig)).as(algorithm).isTrue();

            byte[] flipped = Arrays.copyOf(sig, sig.length);
            flipped[flipped.length - 1] ^= 1;
            verifier.initVerify(keys.getPublic());
            verifier.update(DATA);
            assertThat(verifier.verify(flipped)).as(algorithm + " flipped").isFalse();
        }
    }

    @Test
    void whenInstalledThenSigningAndOtherAlgorithmsKeepTheirProviders() throws Exception {
        EcdsaVerifyProvider.installBouncyCastle();
        KeyPair keys = p256();
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        assertThat(signer.getProvider().getName()).isEqualTo("SunEC");

        assertThat(KeyFactory.getInstance("EC").getProvider().getName()).isEqualTo("SunEC");
        assertThat(KeyPairGenerator.getInstance("EC").getProvider().getName()).isEqualTo("SunEC");
        assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isNotEqualTo(EcdsaVerifyProvider.PROVIDER_NAME);
        assertThat(Security.getProvider(EcdsaVerifyProvider.PROVIDER_NAME).getServices())
                .extracting(Provider.Service::getAlgorithm)
                .containsExactlyInAnyOrderElementsOf(EcdsaVerifyProvider.ALGORITHMS);
    }

    @Test
    void whenInstalledTwiceThenTheSecondCallChangesNothingAndUninstallRestoresTheJdk() throws Exception {
        assertThat(EcdsaVerifyProvider.install(new BouncyCastleProvider())).isTrue();
        int providers = Security.getProviders().length;
        assertThat(EcdsaVerifyProvider.installBouncyCastle()).isFalse();
        assertThat(Security.getProviders()).hasSize(providers);

        assertThat(EcdsaVerifyProvider.uninstall()).isTrue();
        assertThat(Security.getProvider(EcdsaVerifyProvider.PROVIDER_NAME)).isNull();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(p256().getPublic());
        assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
    }

    @Test
    void whenASourceLacksEcdsaThenItIsRefusedNamingTheAlgorithm() {
        Provider empty = new Provider("Empty", "1", "nothing") {
            private static final long serialVersionUID = 1L;
        };
        assertThatThrownBy(() -> EcdsaVerifyProvider.install(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA256withECDSA");
        assertThat(EcdsaVerifyProvider.installedSource()).isEmpty();
    }

    @Test
    void whenInstalledThenPackedRegistrationsAndSignInsVerifyAndAForgedSignatureIsRefused() {
        EcdsaVerifyProvider.installBouncyCastle();
        TestPasskeys t = new TestPasskeys();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        PasskeyUser user = newUser();
        t.registerPacked(authenticator, user);

        assertThat(t.signIn(authenticator, user).userId()).isEqualTo(user.id());

        SignInChallenge forged = t.passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        String assertion = authenticator.get(forged.publicKeyCredentialRequestOptions(), Options.from(ORIGIN).flipSignatureBit());
        assertThatThrownBy(() -> t.passkeys.finishSignIn(forged.ceremonyId(), assertion))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.SIGNATURE_INVALID));
        assertThat(List.of(Security.getProviders())).extracting(Provider::getName).doesNotContain("BC");
    }
}
