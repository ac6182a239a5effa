package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tenants that are not configured: a {@link RelyingPartyResolver} names their relying parties at run
 * time, by RP id (ZITADEL's {@code domain}) or by origin, and each ceremony finishes only for the
 * tenant it was begun for.
 */
class RelyingPartyResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOME = "https://login.example.com";
    private static final String A = "https://a.tenants.example";
    private static final String B = "https://b.tenants.example";

    /** The host's tenant table: domain to its origin. */
    private final Map<String, String> tenants = new ConcurrentHashMap<>(Map.of("a.tenants.example", A,
            "b.tenants.example", B));
    private final AtomicInteger asked = new AtomicInteger();
    private final InMemoryPasskeyStore store = new InMemoryPasskeyStore();
    private final Passkeys passkeys = Passkeys.builder().store(store)
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", HOME))
            .relyingPartyResolver((rpId, origin) -> {
                asked.incrementAndGet();
                return tenants.entrySet().stream()
                        .filter(t -> rpId.isPresent() ? rpId.get().equals(t.getKey())
                                : origin.map(t.getValue()::equals).orElse(false))
                        .findFirst()
                        .map(t -> RelyingPartyConfig.of(t.getKey(), "Tenant " + t.getKey(), t.getValue()));
            })
            .build();
    private final PasskeyUser user = TestPasskeys.newUser();
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

    private String register(AddPasskeyOptions options, String origin) {
        AddPasskeyResponse added = passkeys.addPasskey(user, options);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(origin)), "Key");
        return added.passkeyId();
    }

    @Test
    void aTenantNamedByItsDomainRegistersAndSignsInOnItsOwnRpId() throws Exception {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId("a.tenants.example"));
        assertThat(JSON.readTree(added.creationOptionsJson()).at("/publicKey/rp/id").asText()).isEqualTo("a.tenants.example");
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(A)), "Key");
        assertThat(store.findPasskey(added.passkeyId()).orElseThrow().rpId()).isEqualTo("a.tenants.example");

        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()).withRpId("a.tenants.example"));
        assertThat(passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(A))).passkeyId())
                .isEqualTo(added.passkeyId());
    }

    @Test
    void aTenantNamedByTheRequestsOriginIsChosenAndHeldToIt() throws Exception {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withOrigin(B));
        assertThat(JSON.readTree(added.creationOptionsJson()).at("/publicKey/rp/id").asText()).isEqualTo("b.tenants.example");
        String fromA = authenticator.create(added.creationOptionsJson(), Options.from(A));
        assertThat(refusal(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), fromA, "Key")).reason())
                .isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        passkeys.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(B)), "Key");
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Test
    void aPasskeyOfOneTenantDoesNotSignInAtAnother() {
        register(AddPasskeyOptions.defaults().withRpId("a.tenants.example"), A);
        assertThat(refusal(() -> passkeys.beginSignIn(SignInOptions.forUser(user.id()).withRpId("b.tenants.example")))
                .reason()).as("no passkey of the user on tenant B").isEqualTo(ErrorReason.NO_PASSKEYS);

        // usernameless at B, answered by A's credential from B's origin: its RP id hash is A's
        SignInChallenge atB = passkeys.beginSignIn(SignInOptions.usernameless().withOrigin(B));
        String answer = authenticator.get(atB.publicKeyCredentialRequestOptions(),
                Options.from(B).rpIdForHash("a.tenants.example"));
        assertThat(refusal(() -> passkeys.finishSignIn(atB.ceremonyId(), answer)).reason())
                .isEqualTo(ErrorReason.CREDENTIAL_NOT_OWNED);
    }

    @Test
    void anUnknownTenantIsRefusedAndNothingIsStored() {
        assertThat(refusal(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId("c.tenants.example")))
                .reason()).isEqualTo(ErrorReason.RP_ID_NOT_ALLOWED);
        assertThat(refusal(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults()
                .withOrigin("https://c.tenants.example"))).reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(refusal(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults()
                .withRpId("a.tenants.example").withOrigin(B))).reason())
                .as("tenant A's RP id with tenant B's origin").isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void theResolverNeitherRedefinesAConfiguredRelyingPartyNorAnswersForAnotherRpId() {
        Passkeys lying = Passkeys.builder().store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", HOME))
                .relyingPartyResolver((rpId, origin) -> Optional.of(
                        RelyingPartyConfig.of("example.com", "Evil", "https://evil.example.com")))
                .build();
        assertThat(refusal(() -> lying.addPasskey(user, AddPasskeyOptions.defaults().withOrigin("https://evil.example.com")))
                .reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED);
        assertThat(refusal(() -> lying.addPasskey(user, AddPasskeyOptions.defaults().withRpId("other.example")))
                .reason()).isEqualTo(ErrorReason.RP_ID_NOT_ALLOWED);
    }

    @Test
    void theConfiguredRelyingPartiesNeedNoResolverCallAndAChangedTenantIsRebuilt() {
        register(AddPasskeyOptions.defaults(), HOME);
        assertThat(asked).as("the configured relying party is found without the resolver").hasValue(0);

        register(AddPasskeyOptions.defaults().withRpId("a.tenants.example"), A);
        tenants.put("a.tenants.example", "https://new.a.tenants.example");
        register(AddPasskeyOptions.defaults().withRpId("a.tenants.example"), "https://new.a.tenants.example");
        assertThat(passkeys.listPasskeys(user.id())).hasSize(3);
    }

    @Test
    void aResolverThatCannotMakeAConfigurationOfTheBrowsersDomainRefusesTheCallAsNoTenant() {
        Passkeys strict = Passkeys.builder().store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", HOME))
                .relyingPartyResolver((rpId, origin) -> Optional.of(RelyingPartyConfig.of(rpId.orElseThrow(), "T",
                        "https://" + rpId.get())))
                .build();
        assertThat(refusal(() -> strict.addPasskey(user, AddPasskeyOptions.defaults().withRpId("com"))).reason())
                .as("a public suffix, which RelyingPartyConfig refuses").isEqualTo(ErrorReason.RP_ID_NOT_ALLOWED);
    }

    @Test
    void aCeremonyOfATenantRemovedMeanwhileIsRefused() {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withRpId("a.tenants.example"));
        tenants.remove("a.tenants.example");
        String answer = authenticator.create(added.creationOptionsJson(), Options.from(A));
        assertThat(refusal(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), answer, "Key")).reason())
                .isEqualTo(ErrorReason.RP_ID_NOT_ALLOWED);
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }
}
