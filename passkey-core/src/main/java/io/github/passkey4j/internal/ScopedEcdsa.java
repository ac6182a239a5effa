package io.github.passkey4j.internal;

import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECDSA verification by a provider one {@code Passkeys} instance chose ({@code Builder.ecdsaVerifier}),
 * for that instance's calls only.
 *
 * <p>Yubico's engine verifies with {@code Signature.getInstance(name)}, the JVM's provider order, and
 * takes no provider of its own; so the only way to give it a faster provider is a provider in that
 * order. This one is registered once, first, and declines everything outside a
 * {@link #with(Provider, Supplier) scope}: JCA's provider selection asks each provider whether it
 * supports the key ({@link Provider.Service#supportsParameter}) and this one says no unless the current
 * thread is inside a scope, so every other caller, in this library or anywhere in the JVM, gets the
 * provider it got before. Inside a scope it verifies with the scope's provider, for EC public keys and
 * the three ECDSA algorithms only. A caller that asks a {@code Signature} for its provider before
 * giving it a key is handed this one (JCA picks the first provider then); initialised outside a scope
 * it forwards to the provider JCA would have chosen next, so the outcome is the same.
 */
public final class ScopedEcdsa {

    /** The name of the provider registered. */
    public static final String PROVIDER_NAME = "passkey4j-ECDSA-scoped";

    /** The algorithms it offers, as the engine asks for them. */
    public static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private static final Logger LOG = LoggerFactory.getLogger(ScopedEcdsa.class);
    private static final ThreadLocal<Provider> CURRENT = new ThreadLocal<>();

    private ScopedEcdsa() {
    }

    /**
     * @param source a provider
     * @throws IllegalArgumentException when it lacks one of the three ECDSA signature algorithms
     */
    public static void requireEcdsa(Provider source) {
        Objects.requireNonNull(source, "ecdsaVerifier");
        for (String algorithm : ALGORITHMS) {
            if (source.getService("Signature", algorithm) == null) {
                throw new IllegalArgumentException("ecdsaVerifier: provider " + source.getName() + " has no Signature."
                        + algorithm);
            }
        }
    }

    /** Registers the declining provider, once per JVM. */
    public static synchronized void install() {
        if (Security.getProvider(PROVIDER_NAME) == null) {
            Security.insertProviderAt(new Dispatch(), 1);
            LOG.info("ECDSA verifications of passkey4j instances built with ecdsaVerifier(...) use that provider; "
                    + "every other caller's provider choice is unchanged ({} declines outside them)", PROVIDER_NAME);
        }
    }

    /**
     * Runs {@code body} with ECDSA verifications on this thread done by {@code source}.
     *
     * @param source the provider, or null to run {@code body} as it is
     * @param body the call
     * @param <T> its result
     * @return its result
     */
    public static <T> T with(Provider source, Supplier<T> body) {
        if (source == null) {
            return body.get();
        }
        Provider outer = CURRENT.get();
        CURRENT.set(source);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** @return the provider of the current thread's scope, or null outside one (for tests) */
    static Provider current() {
        return CURRENT.get();
    }

    private static final class Dispatch extends Provider {
        private static final long serialVersionUID = 1L;

        Dispatch() {
            super(PROVIDER_NAME, "1.0", "passkey4j: ECDSA verification by the provider of a passkey4j call in "
                    + "progress on the thread; declines every other use");
            for (String algorithm : ALGORITHMS) {
                putService(new Service(this, "Signature", algorithm, Spi.class.getName(), List.of(), Map.of()) {
                    @Override
                    public Object newInstance(Object constructorParameter) {
                        return new Spi(getAlgorithm());
                    }

                    @Override
                    public boolean supportsParameter(Object parameter) {
                        return parameter instanceof ECPublicKey && CURRENT.get() != null;
                    }
                });
            }
        }
    }

    /** Verifies with the scope's provider; outside a scope, does what the next provider does. */
    private static final class Spi extends SignatureSpi {
        private final String algorithm;
        private Signature delegate;

        Spi(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            Provider source = CURRENT.get();
            if (source != null && publicKey instanceof ECPublicKey) {
                try {
                    delegate = Signature.getInstance(algorithm, source);
                } catch (NoSuchAlgorithmException e) {
                    throw new InvalidKeyException(source.getName() + " has no " + algorithm, e);
                }
                delegate.initVerify(publicKey);
                return;
            }
            delegate = next(publicKey, null);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate = next(privateKey, null);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            delegate = next(privateKey, random);
        }

        /** The first other provider that takes the key, initialised with it, as JCA's own selection goes. */
        private Signature next(java.security.Key key, SecureRandom random) throws InvalidKeyException {
            InvalidKeyException last = null;
            Provider[] providers = Security.getProviders("Signature." + algorithm);
            for (Provider p : providers == null ? new Provider[0] : providers) {
                if (p.getName().equals(PROVIDER_NAME)) {
                    continue;
                }
                try {
                    Signature s = Signature.getInstance(algorithm, p);
                    if (key instanceof PublicKey pub) {
                        s.initVerify(pub);
                    } else if (random != null) {
                        s.initSign((PrivateKey) key, random);
                    } else {
                        s.initSign((PrivateKey) key);
                    }
                    return s;
                } catch (NoSuchAlgorithmException e) {
                    // listed but not offered after all: the next one
                } catch (InvalidKeyException e) {
                    last = e;
                }
            }
            throw last != null ? last : new InvalidKeyException("no other provider offers " + algorithm);
        }

        private Signature delegate() throws SignatureException {
            if (delegate == null) {
                throw new SignatureException("not initialised");
            }
            return delegate;
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate().update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate().update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return delegate().sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate().verify(sigBytes);
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            if (delegate == null) {
                throw new InvalidAlgorithmParameterException("set parameters after initialising");
            }
            delegate.setParameter(params);
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return delegate == null ? null : delegate.getParameters();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new java.security.InvalidParameterException("not supported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new java.security.InvalidParameterException("not supported");
        }
    }
}
