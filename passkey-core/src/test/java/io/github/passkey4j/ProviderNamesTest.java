package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.testing.TestVectors;
import io.github.passkey4j.testing.TestVectors.Vector;
import io.github.passkey4j.testing.VectorRunner;
import io.github.passkey4j.testing.VectorRunner.Outcome;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names of passkey providers by AAGUID: the bundled community list, a host's own file, and the list. */
class ProviderNamesTest {

    private static final UUID WINDOWS_HELLO = UUID.fromString("08987058-cadc-4b81-b6e1-30de50dcbe96");

    @TempDir
    Path dir;

    @Test
    void whenTheBundledNamesAreAskedThenTheWellKnownProvidersAreNamed() {
        ProviderNames names = ProviderNames.bundled();

        assertThat(names.nameOf(UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"))).hasValue("Google Password Manager");
        assertThat(names.nameOf(UUID.fromString("fbfc3007-154e-4ecc-8c0b-6e020557d7bd"))).hasValue("Apple Passwords");
        assertThat(names.nameOf(WINDOWS_HELLO)).hasValue("Windows Hello");
        assertThat(names.nameOf(UUID.fromString("bada5566-a7aa-401f-bd96-45619a55120d"))).hasValue("1Password");
        assertThat(names.nameOf(new UUID(0, 0))).isEmpty();
        assertThat(ProviderNames.bundled()).isSameAs(names);
    }

    @Test
    void whenTheBundledFileIsReadThenEveryEntryIsANamedAaguidAndItsNoticeIsBesideIt() throws Exception {
        JsonNode file;
        try (InputStream in = getClass().getResourceAsStream("/io/github/passkey4j/provider-names/aaguid.json")) {
            file = new ObjectMapper().readTree(in);
        }
        assertThat(file.size()).isEqualTo(49);
        for (Map.Entry<String, JsonNode> e : file.properties()) {
            assertThat(e.getKey()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(ProviderNames.bundled().nameOf(UUID.fromString(e.getKey()))).hasValue(e.getValue().get("name").asText());
        }
        assertThat(getClass().getResource("/io/github/passkey4j/provider-names/NOTICE.md")).isNotNull();
    }

    @Test
    void whenAHostFileHasIconsThenOnlyTheNamesAreKept() {
        String json = """
                {"11111111-2222-3333-4444-555555555555": {"name": " Acme Key ", "icon_dark": "data:image/svg+xml;base64,AAAA",
                  "icon_light": "data:image/svg+xml;base64,BBBB", "extra": {"nested": [1, 2, {"x": null}]}},
                 "66666666-7777-8888-9999-000000000000": {"icon_light": "x", "name": "Other"}}
                """;

        ProviderNames names = ProviderNames.fromJson(stream(json));

        assertThat(names.nameOf(UUID.fromString("11111111-2222-3333-4444-555555555555"))).hasValue("Acme Key");
        assertThat(names.nameOf(UUID.fromString("66666666-7777-8888-9999-000000000000"))).hasValue("Other");
        assertThat(names.nameOf(WINDOWS_HELLO)).isEmpty();
    }

    @Test
    void whenAHostFileIsNotInTheFormatThenReadingFailsNamingTheEntry() {
        assertThatThrownBy(() -> ProviderNames.fromJson(stream("{\"not-a-uuid\": {\"name\": \"x\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-a-uuid");
        assertThatThrownBy(() -> ProviderNames.fromJson(stream("{\"11111111-2222-3333-4444-555555555555\": {\"icon_dark\": \"x\"}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no name");
        assertThatThrownBy(() -> ProviderNames.fromJson(stream("[]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ProviderNames.fromJson(stream("{\"11111111-2222-3333-4444-555555555555\": \"x\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> ProviderNames.fromJson(stream("{\"11111111-2222-3333-4444-555555555555\": {")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void whenTheListWasRetiredToAnEmptyObjectThenNothingIsNamedAndNothingFails() {
        assertThat(ProviderNames.fromJson(stream("{}")).nameOf(WINDOWS_HELLO)).isEmpty();
    }

    @Test
    void whenAHostFileIsMissingThenReadingFailsNamingIt() {
        Path missing = dir.resolve("aaguid.json");
        assertThatThrownBy(() -> ProviderNames.fromJson(missing))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void whenAHostsNamesKnowNothingThenTheFallbackIsAsked() {
        ProviderNames own = aaguid -> aaguid.equals(WINDOWS_HELLO) ? java.util.Optional.of("Our laptops") : java.util.Optional.empty();
        ProviderNames names = own.orElse(ProviderNames.bundled());

        assertThat(names.nameOf(WINDOWS_HELLO)).hasValue("Our laptops");
        assertThat(names.nameOf(UUID.fromString("bada5566-a7aa-401f-bd96-45619a55120d"))).hasValue("1Password");
    }

    // ------------------------------------------------------------------ in the list of passkeys

    @Test
    void whenAWindowsHelloPasskeyIsListedThenItShowsTheProviderNameByDefault() {
        Vector v = TestVectors.named("swa-tpm-nonspec-san");
        assertThat(v.aaguid()).hasValue(WINDOWS_HELLO);

        Outcome outcome = VectorRunner.run(v);

        assertThat(outcome.listed()).singleElement().satisfies(info -> {
            assertThat(info.providerName()).isEqualTo("Windows Hello");
            assertThat(info.provider()).hasValue("Windows Hello");
        });
    }

    @Test
    void whenTheHostNamesNoProvidersThenTheListShowsNone() {
        Outcome outcome = VectorRunner.run(TestVectors.named("swa-tpm-nonspec-san"), b -> b.providerNames(ProviderNames.none()));

        assertThat(outcome.listed()).singleElement().satisfies(info -> assertThat(info.providerName()).isNull());
    }

    @Test
    void whenTheHostReplacesTheNamesWithItsOwnFileThenItsNamesAreShown() throws Exception {
        Vector v = TestVectors.named("w3c-none-es256-registration");
        Path file = dir.resolve("names.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(
                Map.of(v.aaguid().orElseThrow().toString(), Map.of("name", "W3C test authenticator"))));

        Outcome outcome = VectorRunner.run(v, b -> b.providerNames(ProviderNames.fromJson(file)));

        assertThat(outcome.listed()).singleElement()
                .satisfies(info -> assertThat(info.providerName()).isEqualTo("W3C test authenticator"));
        assertThat(new ObjectMapper().valueToTree(outcome.listed().get(0)).get("providerName").asText())
                .isEqualTo("W3C test authenticator");
    }

    private static final String SVG = "data:image/svg+xml;base64,"
            + java.util.Base64.getEncoder().encodeToString("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8));
    private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

    @Test
    void whenAHostFileWithIconsIsReadWithIconsThenThePasskeyListShowsThem() throws Exception {
        Vector v = TestVectors.named("w3c-none-es256-registration");
        String aaguid = v.aaguid().orElseThrow().toString();
        Path file = dir.resolve("icons.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of(aaguid,
                Map.of("name", "W3C test authenticator", "icon_light", SVG, "icon_dark", PNG))));

        Outcome outcome = VectorRunner.run(v, b -> b.providerNames(ProviderNames.fromJsonWithIcons(file)));

        PasskeyInfo info = outcome.listed().get(0);
        assertThat(info.providerIconLight()).isEqualTo(SVG);
        assertThat(info.providerIconDark()).isEqualTo(PNG);
        JsonNode json = new ObjectMapper().valueToTree(info);
        assertThat(json.get("providerIconLight").asText()).isEqualTo(SVG);
        assertThat(json.get("providerIconDark").asText()).isEqualTo(PNG);
        // the same file read for names alone keeps no icons, and the bundled list has none
        assertThat(ProviderNames.fromJson(file).iconsOf(v.aaguid().get())).isEmpty();
        assertThat(VectorRunner.run(v).listed().get(0).providerIconLight()).isNull();
        assertThat(new ObjectMapper().valueToTree(VectorRunner.run(v).listed().get(0)).has("providerIconLight")).isFalse();
        for (Map.Entry<String, JsonNode> e : new ObjectMapper().readTree(getClass().getResourceAsStream(
                "/io/github/passkey4j/provider-names/aaguid.json")).properties()) {
            assertThat(ProviderNames.bundled().iconsOf(UUID.fromString(e.getKey()))).isEmpty();
        }
    }

    @Test
    void whenAnIconIsTooLongItIsLeftOutAndWhenItIsNotAnImageDataUriTheFileFails() throws Exception {
        String key = "11111111-2222-3333-4444-555555555555";
        Path big = dir.resolve("big.json");
        String huge = "data:image/png;base64," + "A".repeat(ProviderNames.MAX_ICON_CHARS);
        Files.writeString(big, new ObjectMapper().writeValueAsString(Map.of(key,
                Map.of("name", "Big", "icon_light", huge, "icon_dark", SVG))));
        ProviderNames names = ProviderNames.fromJsonWithIcons(big);
        assertThat(names.nameOf(UUID.fromString(key))).hasValue("Big");
        assertThat(names.iconsOf(UUID.fromString(key))).hasValueSatisfying(icons -> {
            assertThat(icons.light()).isEmpty();
            assertThat(icons.dark()).hasValue(SVG);
        });

        for (String hostile : new String[] {"javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                "data:image/svg+xml,<svg onload=alert(1)>", "data:image/png;base64,not base64!"}) {
            Path bad = dir.resolve("bad.json");
            Files.writeString(bad, new ObjectMapper().writeValueAsString(Map.of(key, Map.of("name", "Bad", "icon_dark", hostile))));
            assertThatThrownBy(() -> ProviderNames.fromJsonWithIcons(bad)).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(key).hasMessageContaining("icon_dark");
        }
    }

    @Test
    void whenNamesFallBackThenIconsFallBackToo() {
        UUID aaguid = UUID.fromString("11111111-2222-3333-4444-555555555555");
        ProviderNames withIcons = new ProviderNames() {
            @Override
            public java.util.Optional<String> nameOf(UUID a) {
                return java.util.Optional.of("Fallback");
            }

            @Override
            public java.util.Optional<Icons> iconsOf(UUID a) {
                return java.util.Optional.of(new Icons(java.util.Optional.of(SVG), java.util.Optional.empty()));
            }
        };
        ProviderNames combined = ProviderNames.none().orElse(withIcons);
        assertThat(combined.nameOf(aaguid)).hasValue("Fallback");
        assertThat(combined.iconsOf(aaguid).flatMap(ProviderNames.Icons::light)).hasValue(SVG);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
