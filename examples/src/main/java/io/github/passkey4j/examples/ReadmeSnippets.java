package io.github.passkey4j.examples;

import io.github.passkey4j.AddPasskeyOptions;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.AttestationConveyance;
import io.github.passkey4j.AttestationPolicy;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RegistrationLink;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.RemovePasskeyResponse;
import io.github.passkey4j.Signals;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The README's snippets beyond the quick start, here so that they compile; {@code ReadmeSnippetTest}
 * fails when a line of Java in the README is in none of the examples.
 */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    static Passkeys onADatabase(DataSource dataSource) {
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(dataSource)   // H2, PostgreSQL or MariaDB/MySQL, detected
                .purgeExpiredEvery(Duration.ofMinutes(5))
                .build();
        store.createSchema();   // quick start; in production run the shipped Flyway or Liquibase migrations
        Passkeys passkeys = Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
                .build();
        return passkeys;
    }

    static String signIn(Passkeys passkeys, String assertionJson) {
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());   // or SignInOptions.forUser(userId)
        // the browser: navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(...)})
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(), assertionJson);
        String signedInUserId = result.userId();
        return signedInUserId;
    }

    static Signals levelThree(Passkeys passkeys, SignInChallenge challenge, String assertionJson, String userId,
            String passkeyId) {
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(), assertionJson);
        Signals signals = result.signals();   // allAcceptedCredentials, currentUserDetails
        RemovePasskeyResponse removed = passkeys.removePasskey(userId, passkeyId);   // removed.signals(): the passkeys left
        return removed.signals().allAccepted().isPresent() ? removed.signals() : signals;
    }

    static SignInChallenge ceremonyOrigin(Passkeys passkeys, PasskeyUser user, String requestOrigin) {
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withOrigin(requestOrigin));
        SignInChallenge begun = passkeys.beginSignIn(SignInOptions.usernameless().withOrigin(requestOrigin));
        return added.passkeyId().isEmpty() ? null : begun;
    }

    static SignInChallenge prf(Passkeys passkeys, String userId) {
        SignInChallenge begun = passkeys.beginSignIn(SignInOptions.forUser(userId).withPrf());
        return begun;
    }

    static AddPasskeyResponse upgrade(Passkeys passkeys, PasskeyUser user, String requestOrigin,
            java.time.Instant passwordVerifiedAt) {
        AddPasskeyResponse upgrade = passkeys.addPasskey(user,
                AddPasskeyOptions.defaults().withOrigin(requestOrigin).conditional(passwordVerifiedAt));
        return upgrade;
    }

    /** A host's tenants, as the README's resolver snippet finds them. */
    interface Tenants {
        /** A tenant: its domain (the RP id) and name. */
        record Tenant(String domain, String name) {
        }

        java.util.Optional<Tenant> find(java.util.Optional<String> rpId, java.util.Optional<String> origin);
    }

    static Passkeys tenants(JdbcPasskeyStore store, Tenants tenants) {
        Passkeys passkeys = Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
                .relyingPartyResolver((rpId, origin) -> tenants.find(rpId, origin)
                        .map(t -> RelyingPartyConfig.of(t.domain(), t.name(), "https://" + t.domain())))
                .build();
        return passkeys;
    }

    static void anotherDevice(Passkeys passkeys, PasskeyUser user, String codeId, String code, String credentialJson) {
        RegistrationLink link = passkeys.createRegistrationLink(user,
                "https://login.example.com/register?userID={{.UserID}}&orgID={{.OrgID}}&codeID={{.CodeID}}&code={{.Code}}");
        // send link.link() to the user; on the other device, without a session:
        AddPasskeyResponse added = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(codeId, code));
        passkeys.verifyPasskeyWithCode(user.id(), added.passkeyId(), credentialJson, "Phone");
    }

    static Passkeys securityKeysOnly(JdbcPasskeyStore store, X509Certificate vendorRoot) {
        Passkeys passkeys = Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
                .attestation(AttestationConveyance.DIRECT)
                .attestationPolicy(AttestationPolicy.builder().trustAnchor(vendorRoot).requireTrusted(true).build())
                .build();
        return passkeys;
    }

    static RelyingPartyConfig fromProperties() {
        RelyingPartyConfig rp = RelyingPartyConfig.fromProperties(Map.of(
                "passkey4j.rp.id", "example.com",
                "passkey4j.rp.name", "Example",
                "passkey4j.rp.origins", "https://example.com,https://login.example.com"));
        return rp;
    }

    static Passkeys moreAlgorithms(JdbcPasskeyStore store) {
        Passkeys passkeys = Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
                .enablePss()     // PS256, PS384, PS512: the JDK's RSASSA-PSS
                .enableMlDsa()   // ML-DSA-44/65/87: Java 24+, or org.bouncycastle:bcprov-jdk18on on the class path
                .build();
        return passkeys;
    }

    static Passkeys fastestEcdsa(JdbcPasskeyStore store) {
        Passkeys passkeys = Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
                .ecdsaVerifier(new BouncyCastleProvider())   // org.bouncycastle:bcprov-jdk18on; for this instance only
                .build();
        return passkeys;
    }

    static Passkeys onNode(JdbcPasskeyStore store, int nodeId) {
        return Passkeys.builder()
                .store(store)
                .relyingParty(fromProperties())
                .ids(IdGenerator.timeOrdered(nodeId))   // optional: the default, IdGenerator.random(), needs no node id
                .build();
    }
}
