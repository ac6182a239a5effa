package io.github.passkey4j.benchmarks;

import io.github.passkey4j.crypto.EcdsaVerifyProvider;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Which provider verifies ECDSA signatures in this trial's JVM: the JDK's default order
 * ({@code SunEC}), BouncyCastle through the library's JVM-wide opt-in {@link EcdsaVerifyProvider}
 * ({@code BC}), or BouncyCastle given to the library's instances with
 * {@code Passkeys.Builder.ecdsaVerifier} ({@code BC-builder}: the JVM's order is left alone, so it means
 * something for the library's benchmarks only; the engine's and the bare verification's floors use
 * {@code BC}). Each trial runs in its own forked JVM, so they never mix.
 */
@State(Scope.Benchmark)
public class Verifier {

    /** The value for BouncyCastle given with {@code Passkeys.Builder.ecdsaVerifier}. */
    public static final String BC_BUILDER = "BC-builder";

    /**
     * {@code SunEC} (the JDK as shipped), {@code BC} ({@link EcdsaVerifyProvider#installBouncyCastle()}) or
     * {@code BC-builder} ({@code ecdsaVerifier(new BouncyCastleProvider())}, see {@link Env#ecdsaVerifier}).
     */
    @Param({"SunEC", "BC", "BC-builder"})
    public String provider;

    /** Installs the opt-in provider when asked for. */
    @Setup(Level.Trial)
    public void install() {
        if (provider.equals("BC") || provider.equals(BC_BUILDER)) {
            // for BC-builder too, so that the engine's and the bare verification's floors use BouncyCastle: the
            // library's instances put theirs ahead of it inside their calls
            EcdsaVerifyProvider.installBouncyCastle();
        } else if (!provider.equals("SunEC") && !provider.equals(BC_BUILDER)) {
            throw new IllegalArgumentException("provider must be SunEC, BC or " + BC_BUILDER + ": " + provider);
        }
    }

    /** Restores the JDK's order (for runs without forks). */
    @TearDown(Level.Trial)
    public void uninstall() {
        EcdsaVerifyProvider.uninstall();
    }
}
