package io.github.passkey4j.benchmarks;

import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.data.AuthenticatorAttestationResponse;
import com.yubico.webauthn.data.ClientRegistrationExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import io.github.passkey4j.internal.CredentialParser;
import io.github.passkey4j.internal.Json;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where a finish spends its time: the steps of the library's finish taken apart, single-threaded,
 * for profiling. Not part of the results table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class Parts {

    private Floor floor;
    private String creationJson;
    private String requestJson;
    private PublicKeyCredential<AuthenticatorAttestationResponse, ClientRegistrationExtensionOutputs> parsed;

    /** Prepares the inputs. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        floor = new Floor();
        floor.setUp();
        creationJson = Json.MAPPER.writeValueAsString(floor.creation);
        requestJson = Json.MAPPER.writeValueAsString(floor.assertionRequest.getPublicKeyCredentialRequestOptions());
        parsed = Floor.JSON.readValue(floor.noneJson, Floor.REGISTRATION);
    }

    /** The library's careful parse of a registration credential. */
    @Benchmark
    public Object parseRegistrationLibrary() {
        return CredentialParser.parseRegistration(floor.noneJson);
    }

    /** One readValue with a cached mapper. */
    @Benchmark
    public Object parseRegistrationCached() throws Exception {
        return Floor.JSON.readValue(floor.noneJson, Floor.REGISTRATION);
    }

    /** The library's careful parse of an assertion. */
    @Benchmark
    public Object parseAssertionLibrary() {
        return CredentialParser.parseAssertion(floor.assertionJson);
    }

    /** One readValue with a cached mapper. */
    @Benchmark
    public Object parseAssertionCached() throws Exception {
        return Floor.JSON.readValue(floor.assertionJson, Floor.ASSERTION);
    }

    /** Reading a stored creation request back. */
    @Benchmark
    public Object readCreationRequest() throws Exception {
        return Json.MAPPER.readValue(creationJson, PublicKeyCredentialCreationOptions.class);
    }

    /** Reading a stored sign-in request back. */
    @Benchmark
    public Object readSignInRequest() throws Exception {
        return Json.MAPPER.readValue(requestJson, PublicKeyCredentialRequestOptions.class);
    }

    /** Writing a creation request. */
    @Benchmark
    public String writeCreationRequest() throws Exception {
        return Json.MAPPER.writeValueAsString(floor.creation);
    }

    /** The engine's finishRegistration on a parsed credential ("none"). */
    @Benchmark
    public RegistrationResult engineFinishRegistration() throws Exception {
        return floor.rp.finishRegistration(FinishRegistrationOptions.builder().request(floor.creation).response(parsed).build());
    }

    /** Building a creation request (the constructor checks every algorithm with the JCA). */
    @Benchmark
    public Object buildCreationRequest() {
        return floor.creation.toBuilder().build();
    }
}
