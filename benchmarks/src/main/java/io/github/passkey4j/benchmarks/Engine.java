package io.github.passkey4j.benchmarks;

import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floors: Yubico's {@code webauthn-server-core} alone ({@link Floor}), "shipped" through its own
 * JSON helpers (which build a new Jackson mapper on every call) and "cached" with one mapper built
 * once, and one bare ECDSA verification through {@code Signature.getInstance} as the engine makes it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class Engine {

    // ------------------------------------------------------------------ registration

    /** {@code startRegistration} + {@code toCredentialsCreateJson()}, as shipped. */
    @Benchmark
    public String registrationBeginShipped(Floor f) throws Exception {
        return f.rp.startRegistration(f.startRegistration).toCredentialsCreateJson();
    }

    /** {@code startRegistration} + the same JSON from one cached mapper. */
    @Benchmark
    public String registrationBeginCached(Floor f) throws Exception {
        PublicKeyCredentialCreationOptions request = f.rp.startRegistration(f.startRegistration);
        return "{\"publicKey\":" + f.json.writeValueAsString(request) + "}";
    }

    /**
     * {@code startRegistration} + the JSON from the cached mapper, the request kept in a map: what a server using
     * the engine directly does at least, as the library's store keeps its ceremonies. Every
     * {@link Env#BEGUN_AT_MOST}th begin drops them all, as the library's begin benchmarks do.
     */
    @Benchmark
    public String registrationBeginKept(Floor f) throws Exception {
        PublicKeyCredentialCreationOptions request = f.rp.startRegistration(f.startRegistration);
        long id = f.keptIds.incrementAndGet();
        f.keptRequests.put(Long.toString(id), request);
        if (id % Env.BEGUN_AT_MOST == 0) {
            f.keptRequests.clear(); // as the library's begin benchmarks drop theirs
        }
        return "{\"publicKey\":" + f.json.writeValueAsString(request) + "}";
    }

    /** {@code parseRegistrationResponseJson} + {@code finishRegistration}, "none", as shipped. */
    @Benchmark
    public RegistrationResult registrationFinishNoneShipped(Floor f) throws Exception {
        return f.rp.finishRegistration(FinishRegistrationOptions.builder().request(f.creation)
                .response(PublicKeyCredential.parseRegistrationResponseJson(f.noneJson)).build());
    }

    /** The same with one cached mapper, "none". */
    @Benchmark
    public RegistrationResult registrationFinishNoneCached(Floor f) throws Exception {
        return f.rp.finishRegistration(FinishRegistrationOptions.builder().request(f.creation)
                .response(f.json.readValue(f.noneJson, Floor.REGISTRATION)).build());
    }

    /** The same with one cached mapper, "packed": one ECDSA verification. */
    @Benchmark
    public RegistrationResult registrationFinishPackedCached(Floor f, Verifier verifier) throws Exception {
        return f.rp.finishRegistration(FinishRegistrationOptions.builder().request(f.creation)
                .response(f.json.readValue(f.packedJson, Floor.REGISTRATION)).build());
    }

    // ------------------------------------------------------------------ sign-in

    /** {@code startAssertion} + {@code toCredentialsGetJson()}, as shipped. */
    @Benchmark
    public String signInBeginShipped(Floor f) throws Exception {
        return f.rp.startAssertion(f.startAssertion).toCredentialsGetJson();
    }

    /** {@code startAssertion} + the same JSON from one cached mapper. */
    @Benchmark
    public String signInBeginCached(Floor f) throws Exception {
        PublicKeyCredentialRequestOptions request = f.rp.startAssertion(f.startAssertion).getPublicKeyCredentialRequestOptions();
        return "{\"publicKey\":" + f.json.writeValueAsString(request) + "}";
    }

    /** {@code parseAssertionResponseJson} + {@code finishAssertion}, as shipped, JDK providers. */
    @Benchmark
    public AssertionResult signInFinishShipped(Floor f) throws Exception {
        return f.rp.finishAssertion(FinishAssertionOptions.builder().request(f.assertionRequest)
                .response(PublicKeyCredential.parseAssertionResponseJson(f.assertionJson)).build());
    }

    /** The same with one cached mapper. */
    @Benchmark
    public AssertionResult signInFinishCached(Floor f, Verifier verifier) throws Exception {
        return f.rp.finishAssertion(FinishAssertionOptions.builder().request(f.assertionRequest)
                .response(f.json.readValue(f.assertionJson, Floor.ASSERTION)).build());
    }

    // ------------------------------------------------------------------ crypto

    /** One P-256 ECDSA verification, the way the engine makes it. */
    @Benchmark
    public boolean ecdsaVerify(Floor f, Verifier verifier) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(f.publicKey);
        s.update(f.signedData);
        return s.verify(f.signature);
    }
}
