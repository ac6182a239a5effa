package io.github.passkey4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.crypto.EcdsaVerifyProvider;
import io.github.passkey4j.store.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every benchmark operation does what its name says on the in-memory store, with the inputs the
 * benchmarks prepare: a benchmark that silently measured an error path would be worthless. No
 * timing here.
 */
class BenchmarkInputsTest {

    private Env env;
    private final Ceremonies ceremonies = new Ceremonies();

    @BeforeEach
    void open() {
        env = new Env();
        env.store = "memory";
        env.open(2);
    }

    @AfterEach
    void close() {
        env.close();
        EcdsaVerifyProvider.uninstall();
    }

    private static Slot slot(int thread) {
        Slot slot = new Slot();
        slot.thread = thread;
        return slot;
    }

    @Test
    void whenTheEnvironmentIsOpenThenEachThreadHasItsUsersWithTheirPasskeys() {
        assertThat(env.signInUsers).hasDimensions(2, Env.SIGN_IN_USERS);
        assertThat(env.live.listPasskeys(env.signInUsers[1][5].id())).hasSize(1);
        assertThat(env.live.listPasskeys(env.listUsers[0][0].id())).hasSize(Env.LIST_SIZE);
    }

    @Test
    void whenTheBeginBenchmarksRunThenTheyBeginCeremoniesWithRandomChallenges() {
        Slot slot = slot(1);
        AddPasskeyResponse a = ceremonies.registrationBegin(env, slot);
        AddPasskeyResponse b = ceremonies.registrationBegin(env, slot);
        assertThat(a.creationOptionsJson()).contains("\"excludeCredentials\":[{").isNotEqualTo(b.creationOptionsJson());
        assertThat(ceremonies.signInBegin(env, slot).publicKeyCredentialRequestOptions()).contains("\"allowCredentials\":[{");
        assertThat(ceremonies.listPasskeys(env, slot)).hasSize(Env.LIST_SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunEC", "BC"})
    void whenTheFinishBenchmarksRunThenEveryFinishSucceeds(String provider) {
        Verifier verifier = new Verifier();
        verifier.provider = provider;
        verifier.install();
        Ceremonies.NoneRegistrations none = new Ceremonies.NoneRegistrations();
        Ceremonies.PackedRegistrations packed = new Ceremonies.PackedRegistrations();
        Ceremonies.SignIns signIns = new Ceremonies.SignIns();
        Ceremonies.Answers answers = new Ceremonies.Answers();
        for (Pool<?> pool : new Pool<?>[] {none, packed, signIns, answers}) {
            pool.fill(env, 0);
        }
        Slot second = slot(1);
        for (int i = 0; i < 3; i++) {
            assertThat(ceremonies.registrationFinishNone(env, none).sequence()).isEqualTo(2);
            assertThat(ceremonies.registrationFinishPacked(env, verifier, packed).sequence()).isEqualTo(2);
            assertThat(ceremonies.registrationCeremony(env, answers).sequence()).isEqualTo(2);
            SignInResult finished = ceremonies.signInFinish(env, verifier, signIns);
            assertThat(finished.userId()).isEqualTo(env.signInUsers[0][i].id());
            SignInResult whole = ceremonies.signInCeremony(env, verifier, second);
            assertThat(whole.userId()).isEqualTo(env.signInUsers[1][i].id());
        }
        assertThat(env.opened.store().listEvents(env.signInUsers[0][0].id()))
                .extracting(e -> e.type()).contains(EventType.PASSKEY_SIGNED_IN);
    }

    @Test
    void whenAPoolRunsDryThenItMakesInputsInline() {
        Ceremonies.SignIns signIns = new Ceremonies.SignIns();
        // never filled: every input is made inline
        assertThat(ceremonies.signInFinish(env, new Verifier(), signIns).userId()).isEqualTo(env.signInUsers[0][0].id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunEC", "BC"})
    void whenTheEngineFloorsRunThenEachVerifies(String provider) throws Exception {
        Verifier verifier = new Verifier();
        verifier.provider = provider;
        verifier.install();
        Floor floor = new Floor();
        floor.setUp();
        Engine engine = new Engine();
        // the same bytes from Yubico's helper and from the cached mapper, but for the random challenge
        String shipped = engine.registrationBeginShipped(floor);
        assertThat(engine.registrationBeginCached(floor).replaceAll("\"challenge\":\"[^\"]+\"",
                "\"challenge\":\"" + challengeOf(shipped) + "\"")).isEqualTo(shipped);
        assertThat(engine.registrationBeginKept(floor).replaceAll("\"challenge\":\"[^\"]+\"", ""))
                .isEqualTo(shipped.replaceAll("\"challenge\":\"[^\"]+\"", ""));
        assertThat(floor.keptRequests).hasSize(1);
        floor.dropKept();
        assertThat(floor.keptRequests).isEmpty();
        assertThat(engine.registrationFinishNoneShipped(floor).getKeyId().getId().size()).isEqualTo(32);
        assertThat(engine.registrationFinishNoneCached(floor).getKeyId().getId().size()).isEqualTo(32);
        assertThat(engine.registrationFinishPackedCached(floor, verifier).isAttestationTrusted()).isFalse();
        assertThat(engine.signInBeginShipped(floor)).startsWith("{\"publicKey\":{\"challenge\":");
        assertThat(engine.signInBeginCached(floor)).startsWith("{\"publicKey\":{\"challenge\":");
        assertThat(engine.signInFinishShipped(floor).isSuccess()).isTrue();
        assertThat(engine.signInFinishCached(floor, verifier).isSuccess()).isTrue();
        assertThat(engine.ecdsaVerify(floor, verifier)).isTrue();
    }

    private static String challengeOf(String json) {
        return json.replaceAll(".*\"challenge\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void whenTheLibraryBeginsARegistrationThenItsOptionsAreByteIdenticalToYubicosOwnJson() throws Exception {
        AddPasskeyResponse added = env.live.addPasskey(env.newUser());
        String inner = added.creationOptionsJson().substring("{\"publicKey\":".length(), added.creationOptionsJson().length() - 1);
        PublicKeyCredentialCreationOptions request = PublicKeyCredentialCreationOptions.fromJson(inner);
        assertThat(added.creationOptionsJson()).isEqualTo(request.toCredentialsCreateJson());
    }
}
