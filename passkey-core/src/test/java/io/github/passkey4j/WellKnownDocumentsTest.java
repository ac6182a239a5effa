package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documents a relying party serves under /.well-known/: related origins and passkey endpoints. */
class WellKnownDocumentsTest {

    @Test
    void theRelatedOriginsDocumentListsThemAndIsEmptyWithoutThem() throws Exception {
        RelyingPartyConfig none = RelyingPartyConfig.of("example.com", "Example", "https://example.com");
        assertThat(none.relatedOriginsDocument()).isEmpty();

        RelyingPartyConfig related = none.withRelatedOrigins("https://example.co.uk", "https://shop.example.de:8443");
        String json = related.relatedOriginsDocument().orElseThrow();
        assertThat(new ObjectMapper().readTree(json).get("origins")).hasSize(2);
        assertThat(json).isEqualTo("{\"origins\":[\"https://example.co.uk\",\"https://shop.example.de:8443\"]}");
    }

    @Test
    void labelsAreCountedPerRegistrableDomainWithThePublicSuffixList() {
        RelyingPartyConfig rp = RelyingPartyConfig.of("example.com", "Example", "https://example.com")
                .withRelatedOrigins("https://example.co.uk", "https://login.example.de", "https://example-shop.com",
                        "https://a.b.github.io");
        // example.co.uk and login.example.de share the label "example"; github.io is a public suffix
        assertThat(rp.relatedOriginLabels()).containsExactly("b", "example", "example-shop");
    }

    @Test
    void moreThanFiveLabelsAreAcceptedButWarnedAbout() {
        RelyingPartyConfig rp = RelyingPartyConfig.of("example.com", "Example", "https://example.com")
                .withRelatedOrigins("https://one.com", "https://two.com", "https://three.com", "https://four.com",
                        "https://five.com", "https://six.com");
        assertThat(rp.relatedOriginLabels()).hasSize(6);
        assertThat(rp.allowedOrigins()).contains("https://six.com");
        // building Passkeys logs the warning; it must not refuse the configuration
        Passkeys.builder().store(new io.github.passkey4j.store.InMemoryPasskeyStore()).relyingParty(rp).build();
    }

    @Test
    void passkeyEndpointsAreAbsoluteSecureUrlsAndSerializeInOrder() throws Exception {
        PasskeyEndpoints endpoints = PasskeyEndpoints.of("https://example.com/account/passkeys/new",
                "https://example.com/account/passkeys");
        assertThat(new ObjectMapper().writeValueAsString(endpoints)).isEqualTo(
                "{\"enroll\":\"https://example.com/account/passkeys/new\",\"manage\":\"https://example.com/account/passkeys\"}");
        assertThat(PasskeyEndpoints.of("http://localhost:8080/", "http://localhost:8080/").enroll())
                .isEqualTo("http://localhost:8080/");
        assertThat(PasskeyEndpoints.PATH).isEqualTo("/.well-known/passkey-endpoints");
        for (String bad : Set.of("/account", "http://example.com/", "ftp://example.com/", "https://user@example.com/",
                "javascript:alert(1)", "not a url")) {
            assertThatThrownBy(() -> PasskeyEndpoints.of(bad, "https://example.com/"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("enroll");
        }
    }
}
