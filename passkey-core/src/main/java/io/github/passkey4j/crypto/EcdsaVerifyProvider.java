package io.github.passkey4j.crypto;

import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in, JVM-wide: verify ECDSA signatures (ES256, ES384, ES512) with a faster JCA provider, such
 * as BouncyCastle's, instead of the JDK's.
 *
 * <p>Why: a passkey sign-in and a "packed" registration each verify one ECDSA signature, and that
 * verification is most of their cost. On JDK 17, SunEC verifies a P-256 signature in about 1.6 ms on
 * a small server; BouncyCastle's provider in about 0.13 ms (see the benchmarks module's README for
 * the figures measured with this class). The WebAuthn engine asks for
 * {@code Signature.getInstance("SHA256withECDSA")} with the default provider order, so the only
 * lever is that order, which belongs to the whole JVM. Hence this explicit switch, which the
 * library never pulls by itself.
 *
 * <p>What it changes, and nothing else: it puts a provider named {@value #PROVIDER_NAME} at
 * position 1 of {@link Security}'s list. That provider offers exactly three {@code Signature}
 * algorithms, {@code SHA256withECDSA}, {@code SHA384withECDSA} and {@code SHA512withECDSA}, for
 * <em>verification with an EC public key only</em>, and performs them with the source provider
 * given to {@link #install(Provider)}. The source provider itself is not registered. Signing (for
 * example a TLS server's ECDSA key), other signature algorithms, key factories, ciphers, digests,
 * random numbers and TLS's own provider choices stay as they were: for a private key the JDK's
 * provider selection skips this provider and picks the next one, as before. Code anywhere in the
 * JVM that verifies an ECDSA signature through {@code Signature.getInstance(name)} without naming a
 * provider (a TLS client checking an ECDSA server signature, for instance) gets the source
 * provider's implementation too; that is the one global effect, and the reason it is opt-in.
 *
 * <pre>{@code
 * // once, at start-up, with org.bouncycastle:bcprov-jdk18on on the class path
 * EcdsaVerifyProvider.installBouncyCastle();
 * // or with any provider instance
 * EcdsaVerifyProvider.install(new org.bouncycastle.jce.provider.BouncyCastleProvider());
 * }</pre>
 *
 * <p>The library does not depend on BouncyCastle; the host adds it. Installing logs one INFO line
 * naming the source provider. Thread-safe; {@link #uninstall()} restores the previous order.
 */
public final class EcdsaVerifyProvider {

    /** The name of the provider this class installs. */
    public static final String PROVIDER_NAME = "passkey4j-ECDSA-verify";

    /** The algorithms the installed provider offers, as the engine asks for them. */
    public static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private static final String BOUNCY_CASTLE = "org.bouncycastle.jce.provider.BouncyCastleProvider";
    private static final Logger LOG = LoggerFactory.getLogger(EcdsaVerifyProvider.class);

    private EcdsaVerifyProvider() {
    }

    /**
     * Installs BouncyCastle's provider ({@code org.bouncycastle:bcprov-jdk18on}, which the host adds
     * to its class path) as the ECDSA verifier. See {@link #install(Provider)}.
     *
     * @return true when it was installed now; false when it was installed already
     * @throws IllegalStateException when BouncyCastle is not on the class path
     */
    public static synchronized boolean installBouncyCastle() {
        Provider bc;
        try {
            bc = (Provider) Class.forName(BOUNCY_CASTLE).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("BouncyCastle is not on the class path: add org.bouncycastle:bcprov-jdk18on", e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            Throwable cause = e instanceof InvocationTargetException i ? i.getCause() : e;
            throw new IllegalStateException("cannot create BouncyCastle's provider", cause);
        }
        return install(bc);
    }

    /**
     * Makes {@code source} verify ECDSA signatures for the whole JVM, as the class comment says. Call
     * it once at start-up, before the first sign-in.
     *
     * @param source the provider that performs the verifications; it must offer the three ECDSA
     *     signature algorithms
     * @return true when it was installed now; false when a provider with the same source name was
     *     installed already (nothing changes then)
     * @throws IllegalArgumentException when {@code source} lacks one of the algorithms
     * @throws IllegalStateException when another source is installed already: {@link #uninstall()} it
     *     first
     */
    public static synchronized boolean install(Provider source) {
        Objects.requireNonNull(source, "source");
        for (String algorithm : ALGORITHMS) {
            if (source.getService("Signature", algorithm) == null) {
                throw new IllegalArgumentException("provider " + source.getName() + " has no Signature." + algorithm);
            }
        }
        Provider current = Security.getProvider(PROVIDER_NAME);
        if (current instanceof VerifyOnlyProvider installed) {
            if (installed.source.getName().equals(source.getName())) {
                return false;
            }
            throw new IllegalStateException("ECDSA verification is installed with " + installed.source.getName()
                    + " already; uninstall it first");
        }
        Security.insertProviderAt(new VerifyOnlyProvider(source), 1);
        LOG.info("JVM-wide: ECDSA signature verification ({}) now uses provider {} {} (java.security.Security "
                + "position 1, as {}); signing and every other algorithm are unchanged", String.join(", ", ALGORITHMS),
                source.getName(), source.getVersionStr(), PROVIDER_NAME);
        return true;
    }

    /**
     * Removes the provider {@link #install(Provider)} added; the JDK's providers verify again.
     *
     * @return true when one was installed
     */
    public static synchronized boolean uninstall() {
        if (!(Security.getProvider(PROVIDER_NAME) instanceof VerifyOnlyProvider)) {
            return false;
        }
        Security.removeProvider(PROVIDER_NAME);
        LOG.info("JVM-wide: ECDSA signature verification uses the default providers again");
        return true;
    }

    /**
     * @return the name of the source provider that verifies ECDSA signatures, when one is installed
     */
    public static Optional<String> installedSource() {
        return Security.getProvider(PROVIDER_NAME) instanceof VerifyOnlyProvider p
                ? Optional.of(p.source.getName()) : Optional.empty();
    }

    /** Offers the three ECDSA signature algorithms for verification only, backed by the source. */
    private static final class VerifyOnlyProvider extends Provider {
        private static final long serialVersionUID = 1L;
        private final transient Provider source;

        VerifyOnlyProvider(Provider source) {
            super(PROVIDER_NAME, "1.0", "passkey4j: ECDSA signature verification by " + source.getName()
                    + " " + source.getVersionStr() + "; nothing else");
            this.source = source;
            for (String algorithm : ALGORITHMS) {
                putService(new VerifyService(this, algorithm));
            }
        }
    }

    private static final class VerifyService extends Provider.Service {
        private final VerifyOnlyProvider owner;

        VerifyService(VerifyOnlyProvider owner, String algorithm) {
            super(owner, "Signature", algorithm, VerifyOnlySignature.class.getName(), List.of(), Map.of());
            this.owner = owner;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return new VerifyOnlySignature(Signature.getInstance(getAlgorithm(), owner.source));
        }

        /** EC public keys only: for a private key the JDK's selection moves on to the next provider. */
        @Override
        public boolean supportsParameter(Object parameter) {
            return parameter instanceof ECPublicKey;
        }
    }

    /** Forwards verification to the source provider's {@link Signature}; refuses to sign. */
    private static final class VerifyOnlySignature extends SignatureSpi {
        private final Signature delegate;

        VerifyOnlySignature(Signature delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            if (!(publicKey instanceof ECPublicKey)) {
                throw new InvalidKeyException("an EC public key is needed");
            }
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException(PROVIDER_NAME + " only verifies");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected void engineUpdate(ByteBuffer input) {
            try {
                delegate.update(input);
            } catch (SignatureException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            throw new SignatureException(PROVIDER_NAME + " only verifies");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes, int offset, int length) throws SignatureException {
            return delegate.verify(sigBytes, offset, length);
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            delegate.setParameter(params);
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return delegate.getParameters();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("not supported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("not supported");
        }
    }
}
