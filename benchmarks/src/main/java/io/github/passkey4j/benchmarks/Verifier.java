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
 * ({@code SunEC}), or BouncyCastle through the library's opt-in {@link EcdsaVerifyProvider}
 * ({@code BC}). Each trial runs in its own forked JVM, so the two never mix.
 */
@State(Scope.Benchmark)
public class Verifier {

    /** {@code SunEC} (the JDK as shipped) or {@code BC} ({@link EcdsaVerifyProvider#installBouncyCastle()}). */
    @Param({"SunEC", "BC"})
    public String provider;

    /** Installs the opt-in provider when asked for. */
    @Setup(Level.Trial)
    public void install() {
        if (provider.equals("BC")) {
            EcdsaVerifyProvider.installBouncyCastle();
        } else if (!provider.equals("SunEC")) {
            throw new IllegalArgumentException("provider must be SunEC or BC: " + provider);
        }
    }

    /** Restores the JDK's order (for runs without forks). */
    @TearDown(Level.Trial)
    public void uninstall() {
        EcdsaVerifyProvider.uninstall();
    }
}
