package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configurations that no browser could ever use are refused when built, naming the field or property. */
class RelyingPartyConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "login.example.com", "localhost", "example.co.uk", "my-app.github.io",
            "xn--bcher-kva.example", "other.example"})
    void whenTheRpIdIsARegistrableDomainOrASubdomainOfOneThenItIsAccepted(String id) {
        String origin = id.equals("localhost") ? "http://localhost:8080" : "https://" + id;

        RelyingPartyConfig config = RelyingPartyConfig.of(id, "Example", origin);

        assertThat(config.id()).isEqualTo(id);
        assertThat(config.origins()).containsExactly(origin);
        assertThat(config.relatedOrigins()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "127.1", "0x7f.0.0.1", "example.123", "::1", "[::1]",
            "2001:db8::1", "fe80::1%25eth0"})
    void whenTheRpIdIsAnIpAddressThenItIsRefused(String id) {
        assertThatThrownBy(() -> RelyingPartyConfig.of(id, "Example", "https://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.id ")
                .hasMessageContaining(id.contains(":") && !id.contains("%") ? "IP address" : "relyingParty.id");
    }

    @Test
    void whenTheRpIdIsAnIpV4AddressThenTheMessageSaysSo() {
        assertThatThrownBy(() -> RelyingPartyConfig.of("127.0.0.1", "Example", "https://127.0.0.1"))
                .hasMessage("relyingParty.id must be a domain, not an IP address: '127.0.0.1'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "org", "co.uk", "github.io", "appspot.com"})
    void whenTheRpIdIsAPublicSuffixThenItIsRefused(String id) {
        assertThatThrownBy(() -> RelyingPartyConfig.of(id, "Example", "https://example." + id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.id is a public suffix")
                .hasMessageContaining("'" + id + "'");
    }

    @Test
    void whenTheRpIdHasUpperCaseThenItIsRefusedNotLowerCased() {
        assertThatThrownBy(() -> RelyingPartyConfig.of("Example.COM", "Example", "https://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.id must be lower case")
                .hasMessageContaining("'example.com'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com.", "-example.com", "exa mple.com", "example..com", "", " example.com",
            "example.com/", "https://example.com", "example.com:443"})
    void whenTheRpIdIsNotADomainNameThenItIsRefused(String id) {
        assertThatThrownBy(() -> RelyingPartyConfig.of(id, "Example", "https://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.id ");
    }

    @Test
    void whenTheRpIdIsUnicodeThenItIsRefusedNamingItsAsciiForm() {
        assertThatThrownBy(() -> RelyingPartyConfig.of("bücher.example", "Example", "https://xn--bcher-kva.example"))
                .hasMessageStartingWith("relyingParty.id must be written in ASCII")
                .hasMessageContaining("'xn--bcher-kva.example'");
    }

    @ParameterizedTest
    @CsvSource({
            "example.com, https://evil.org",
            "example.com, https://example.com.evil.org",
            "example.com, https://notexample.com",
            "login.example.com, https://example.com",
            "login.example.com, https://other.example.com",
            "localhost, https://example.com"})
    void whenAnOriginIsNotOnTheRpIdsDomainThenItIsRefused(String id, String origin) {
        assertThatThrownBy(() -> RelyingPartyConfig.of(id, "Example", origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.origins: '" + origin + "' is not on the RP id's domain '" + id + "'")
                .hasMessageContaining("relyingParty.relatedOrigins");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "https://login.example.com", "https://a.b.example.com:8443",
            "http://localhost:8080", "android:apk-key-hash:gx7sq_pxhxhrIQdLyfG0pxKwiJ7hOk2DJQ4xvKd438Q"})
    void whenAnOriginIsOnTheRpIdsDomainOrAnAndroidAppThenItIsAccepted(String origin) {
        String id = origin.startsWith("http://localhost") ? "localhost" : "example.com";

        assertThat(RelyingPartyConfig.of(id, "Example", origin).origins()).containsExactly(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost", "http://localhost:8080", "http://app.localhost:3000"})
    void whenAnHttpOriginIsOnLocalhostThenItIsAccepted(String origin) {
        assertThat(RelyingPartyConfig.of("localhost", "Example", origin).origins()).containsExactly(origin);
    }

    @ParameterizedTest
    @CsvSource({
            "example.com, http://example.com",
            "example.com, http://login.example.com:8080",
            "localhost, http://127.0.0.1:8080",
            "localhost, http://[::1]:8080"})
    void whenAnHttpOriginIsNotLocalhostThenItIsRefused(String id, String origin) {
        assertThatThrownBy(() -> RelyingPartyConfig.of(id, "Example", origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.origins: '" + origin + "' is http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://Login.Example.com", "https://example.com:443", "https://example.com/",
            "https://example.com/login", "https://example.com?x", "https://user@example.com", "ftp://example.com",
            "example.com", "android:apk-key-hash:"})
    void whenAnOriginIsNotAsABrowserWritesItThenItIsRefused(String origin) {
        assertThatThrownBy(() -> RelyingPartyConfig.of("example.com", "Example", origin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("relyingParty.origins: ");
    }

    @Test
    void whenAnOriginOnAnotherDomainIsARelatedOriginThenItIsAcceptedAndAllowed() {
        RelyingPartyConfig config = RelyingPartyConfig.of("example.com", "Example", "https://example.com")
                .withRelatedOrigins("https://example.co.uk", "https://shop.example.de");

        assertThat(config.relatedOrigins()).containsExactlyInAnyOrder("https://example.co.uk", "https://shop.example.de");
        assertThat(config.allowedOrigins())
                .containsExactlyInAnyOrder("https://example.com", "https://example.co.uk", "https://shop.example.de");
    }

    @Test
    void whenARelatedOriginIsHttpOrAndroidThenItIsRefused() {
        RelyingPartyConfig config = RelyingPartyConfig.of("example.com", "Example", "https://example.com");

        assertThatThrownBy(() -> config.withRelatedOrigins("http://example.co.uk"))
                .hasMessageStartingWith("relyingParty.relatedOrigins: 'http://example.co.uk' is http");
        assertThatThrownBy(() -> config.withRelatedOrigins("android:apk-key-hash:abc"))
                .hasMessageStartingWith("relyingParty.relatedOrigins: 'android:apk-key-hash:abc' is an Android app's origin");
    }

    @Test
    void whenARelatedOriginIsConfiguredThenABrowserOnItCanAddAndSignInWithAPasskey() {
        Passkeys passkeys = Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of(TestPasskeys.RP_ID, "Example", TestPasskeys.ORIGIN)
                        .withRelatedOrigins("https://example.co.uk"))
                .build();
        PasskeyUser user = TestPasskeys.newUser();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

        AddPasskeyResponse added = passkeys.addPasskey(user);
        String credential = authenticator.create(added.creationOptionsJson(), Options.from("https://example.co.uk"));
        passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Laptop");
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from("https://example.co.uk")));

        assertThat(result.userId()).isEqualTo(user.id());
    }

    @Test
    void whenAnOriginIsNeitherPlainNorRelatedThenTheCeremonyIsRefused() {
        Passkeys passkeys = Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of(TestPasskeys.RP_ID, "Example", TestPasskeys.ORIGIN)
                        .withRelatedOrigins("https://example.co.uk"))
                .build();
        PasskeyUser user = TestPasskeys.newUser();
        AddPasskeyResponse added = passkeys.addPasskey(user);
        String credential = new SoftwareAuthenticator().create(added.creationOptionsJson(), Options.from("https://example.de"));

        assertThatThrownBy(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), credential, "Laptop"))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT));
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void whenTheOldThreeFieldConstructorIsUsedThenThereAreNoRelatedOrigins() {
        RelyingPartyConfig config = new RelyingPartyConfig("example.com", "Example", Set.of("https://example.com"));

        assertThat(config.relatedOrigins()).isEmpty();
        assertThat(config.allowedOrigins()).containsExactly("https://example.com");
    }

    // ------------------------------------------------------------------ fromProperties

    private static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("passkey4j.rp.id", "example.com");
        p.put("passkey4j.rp.name", "Example");
        p.put("passkey4j.rp.origins", " https://example.com , https://login.example.com,android:apk-key-hash:abc ");
        p.put("server.port", "8080");
        return p;
    }

    @Test
    void whenPropertiesNameEveryFieldThenTheConfigHasThem() {
        Map<String, String> p = properties();
        p.put("passkey4j.rp.related-origins", "https://example.co.uk, https://example.de");

        RelyingPartyConfig config = RelyingPartyConfig.fromProperties(p);

        assertThat(config.id()).isEqualTo("example.com");
        assertThat(config.name()).isEqualTo("Example");
        assertThat(config.origins())
                .containsExactlyInAnyOrder("https://example.com", "https://login.example.com", "android:apk-key-hash:abc");
        assertThat(config.relatedOrigins()).containsExactlyInAnyOrder("https://example.co.uk", "https://example.de");
    }

    @Test
    void whenRelatedOriginsAreLeftOutThenThereAreNone() {
        assertThat(RelyingPartyConfig.fromProperties(properties()).relatedOrigins()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"passkey4j.rp.id", "passkey4j.rp.name", "passkey4j.rp.origins"})
    void whenARequiredPropertyIsMissingOrBlankThenTheErrorNamesIt(String key) {
        Map<String, String> missing = properties();
        missing.remove(key);
        Map<String, String> blank = properties();
        blank.put(key, "  ");

        assertThatThrownBy(() -> RelyingPartyConfig.fromProperties(missing)).hasMessage(key + " is required");
        assertThatThrownBy(() -> RelyingPartyConfig.fromProperties(blank)).hasMessage(key + " is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "passkey4j.rp.id | 127.0.0.1 | passkey4j.rp.id must be a domain, not an IP address",
            "passkey4j.rp.id | com | passkey4j.rp.id is a public suffix",
            "passkey4j.rp.id | Example.com | passkey4j.rp.id must be lower case",
            "passkey4j.rp.origins | https://evil.org | passkey4j.rp.origins: 'https://evil.org' is not on the RP id's domain",
            "passkey4j.rp.origins | http://example.com | passkey4j.rp.origins: 'http://example.com' is http",
            "passkey4j.rp.origins | https://example.com,,https://login.example.com | passkey4j.rp.origins has an empty entry",
            "passkey4j.rp.related-origins | http://example.de | passkey4j.rp.related-origins: 'http://example.de' is http"})
    void whenAPropertyIsBadThenTheErrorNamesTheProperty(String key, String value, String message) {
        Map<String, String> p = properties();
        p.put(key, value);

        assertThatThrownBy(() -> RelyingPartyConfig.fromProperties(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .hasMessageContaining(key);
    }

    @Test
    void whenAPropertyUnderThePrefixIsUnknownThenItIsRefusedByName() {
        Map<String, String> p = new HashMap<>(properties());
        p.put("passkey4j.rp.origin", "https://example.com");

        assertThatThrownBy(() -> RelyingPartyConfig.fromProperties(p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown properties [passkey4j.rp.origin]");
    }

    @Test
    void whenThePropertyNamesAreReadFromTheConstantsThenTheyAreTheDocumentedOnes() {
        assertThat(RelyingPartyConfig.PROPERTY_ID).isEqualTo("passkey4j.rp.id");
        assertThat(RelyingPartyConfig.PROPERTY_NAME).isEqualTo("passkey4j.rp.name");
        assertThat(RelyingPartyConfig.PROPERTY_ORIGINS).isEqualTo("passkey4j.rp.origins");
        assertThat(RelyingPartyConfig.PROPERTY_RELATED_ORIGINS).isEqualTo("passkey4j.rp.related-origins");
    }
}
