package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.tck.Concurrent;
import io.github.passkey4j.testing.PasskeysContract;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Registration codes and links through the public API, on any store: each store module runs it on its
 * databases by extending it.
 */
public abstract class RegistrationCodeContract extends PasskeysContract {

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String TEMPLATE =
            "https://login.example.com/register?user={{.UserID}}&org={{ .OrgID }}&codeID={{.CodeID}}&code={{.Code}}";

    private final List<String> sent = new ArrayList<>();

    @Override
    protected Passkeys.Builder configure() {
        return Passkeys.builder()
                .registrationLinkTemplate(TEMPLATE)
                .registrationLinkNotifier((user, link, expiresAt) -> sent.add(link));
    }

    /** Adds a passkey from "another device": no session, only the code. */
    private Details registerWithCode(PasskeyUser user, CreatedRegistrationCode code, SoftwareAuthenticator device) {
        AddPasskeyResponse r = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
        return passkeys.verifyPasskeyWithCode(user.id(), r.passkeyId(), device.create(r.creationOptionsJson(), Options.from(ORIGIN)),
                "Kiosk key");
    }

    private void assertCodeRefused(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PasskeyException.class, e -> {
            assertThat(e.reason()).isEqualTo(ErrorReason.CODE_INVALID);
            assertThat(e.code()).isEqualTo(PasskeyException.Code.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void whenACodeIsCreatedThenItHas16CharactersWithoutLookAlikesAndTheV2Shape() throws Exception {
        PasskeyUser user = newUser();

        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);

        assertThat(code.code()).hasSize(16).matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{16}");
        assertThat(code.expiresAt()).isEqualTo(TestPasskeys.START.plus(Duration.ofHours(1)));
        assertThat(code.details().sequence()).isEqualTo(1);
        JsonNode json = PLAIN.valueToTree(code);
        assertThat(json.fieldNames()).toIterable().containsExactly("details", "code");
        assertThat(json.get("code").get("id").asText()).isEqualTo(code.codeId());
        assertThat(json.get("code").get("code").asText()).isEqualTo(code.code());
        assertThat(code.toString()).doesNotContain(code.code());
        assertThat(passkeys.history(user.id())).extracting(Event::type).containsExactly(EventType.CODE_CREATED);
    }

    @Test
    void whenACodeIsStoredThenOnlyItsHashIsKept() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);

        RegistrationCode stored = t.store.findCode(code.codeId()).orElseThrow();

        assertThat(stored.codeHash().length()).isEqualTo(32);
        byte[] hash = stored.codeHash().toArray();
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(code.code());
        assertThat(stored.toString()).doesNotContain(code.code());
        assertThat(stored.codeHash().toBase64Url()).doesNotContain(code.code());
        assertThat(stored.codeHash().toBase64()).doesNotContain(code.code());
    }

    @Test
    void whenAPasskeyIsAddedWithACodeThenTheCodeIsUsedUpWithTheVerification() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);

        Details details = registerWithCode(user, code, new SoftwareAuthenticator());

        assertThat(details.sequence()).isEqualTo(4);
        assertThat(passkeys.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Kiosk key");
        assertThat(t.store.findCode(code.codeId()).orElseThrow().state()).isEqualTo(CodeState.USED);
        assertThat(passkeys.history(user.id())).extracting(Event::type).containsExactly(EventType.CODE_CREATED,
                EventType.PASSKEY_ADDED, EventType.CODE_USED, EventType.PASSKEY_VERIFIED);
        assertCodeRefused(() -> registerWithCode(user, code, new SoftwareAuthenticator()), "used");
    }

    @Test
    void whenTheBrowserPromptIsCancelledThenTheCodeStaysUsable() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
        // the user cancels the browser prompt: nothing comes back; later they try again
        t.clock.advance(Duration.ofMinutes(5));

        registerWithCode(user, code, new SoftwareAuthenticator());

        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Test
    void whenAVerificationFailsThenTheCodeStaysUsable() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        AddPasskeyResponse r = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
        SoftwareAuthenticator device = new SoftwareAuthenticator();
        assertThatThrownBy(() -> passkeys.verifyPasskeyWithCode(user.id(), r.passkeyId(),
                device.create(r.creationOptionsJson(), Options.from("https://evil.example")), "x"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED));

        passkeys.verifyPasskeyWithCode(user.id(), r.passkeyId(), device.create(r.creationOptionsJson(), Options.from(ORIGIN)), "ok");

        assertThat(t.store.findCode(code.codeId()).orElseThrow().state()).isEqualTo(CodeState.USED);
    }

    @Test
    void whenThreeWrongCodesAreTriedThenTheCodeIsBurntAndTheRightOneRefused() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);

        for (int i = 0; i < 2; i++) {
            assertCodeRefused(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), "WRONGWRONGWRONG2")),
                    "not valid");
        }
        assertCodeRefused(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), "WRONGWRONGWRONG2")),
                "blocked");
        assertCodeRefused(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code())),
                "blocked");

        assertThat(t.store.findCode(code.codeId()).orElseThrow().state()).isEqualTo(CodeState.BURNT);
        assertThat(passkeys.history(user.id())).extracting(Event::type).containsExactly(EventType.CODE_CREATED,
                EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT, EventType.CODE_BURNT);
    }

    @Test
    void whenTheCodeIsTypedWithSpacesDashesOrLowerCaseThenItIsAccepted() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        String typed = (code.code().substring(0, 4) + "-" + code.code().substring(4, 8) + " " + code.code().substring(8)).toLowerCase();

        passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), typed));
    }

    @Test
    void whenTheCodeExpiredThenItIsRefused() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        t.clock.advance(Duration.ofHours(1));

        assertCodeRefused(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code())),
                "expired");
    }

    @Test
    void whenTheCodeExpiresBetweenBeginAndVerifyThenTheVerificationIsRefused() {
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        t.clock.advance(Duration.ofMinutes(59).plusSeconds(50));
        AddPasskeyResponse r = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
        t.clock.advance(Duration.ofSeconds(20));

        assertCodeRefused(() -> passkeys.verifyPasskeyWithCode(user.id(), r.passkeyId(),
                new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)), "n"), "registration code");
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void whenAnotherUsersCodeIsUsedThenItIsRefused() {
        PasskeyUser alice = newUser();
        PasskeyUser mallory = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(alice);

        assertCodeRefused(() -> passkeys.addPasskey(mallory, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code())),
                "not valid");
        assertThat(passkeys.history(mallory.id())).isEmpty();
        assertThat(passkeys.listPasskeys(alice.id())).isEmpty();
    }

    @Test
    void whenCodesAreCreatedThenTheirIdsAreRandomNotTimeOrdered() {
        PasskeyUser user = newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Long.parseLong(passkeys.createRegistrationCode(user).codeId()));
        }
        assertThat(ids).doesNotHaveDuplicates().isNotEqualTo(ids.stream().sorted().toList());
        assertThat(ids).allSatisfy(id -> assertThat(id).isPositive());
    }

    @Test
    void whenVerifyingWithoutSessionThenAnUnknownOrCodelessRegistrationLooksTheSameAndNothingElseIsChecked() {
        PasskeyUser user = newUser();
        AddPasskeyResponse plain = passkeys.addPasskey(user);

        for (String id : List.of(plain.passkeyId(), "123456789")) {
            assertThatThrownBy(() -> passkeys.verifyPasskeyWithCode(user.id(), id, "not json", ""))
                    .isInstanceOfSatisfying(PasskeyException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ErrorReason.CODE_REQUIRED);
                        assertThat(e.getMessage()).doesNotContain(id);
                    });
        }
    }

    @Test
    void whenAnUnknownCodeIdIsUsedThenItIsRefused() {
        assertCodeRefused(() -> passkeys.addPasskey(newUser(), AddPasskeyOptions.defaults().withCode("123", "ABCDEFGHJKLMNPQR")),
                "not valid");
    }

    @Test
    void whenARegistrationWithoutCodeIsVerifiedWithoutSessionThenUnauthenticated() {
        PasskeyUser user = newUser();
        AddPasskeyResponse r = passkeys.addPasskey(user);

        assertThatThrownBy(() -> passkeys.verifyPasskeyWithCode(user.id(), r.passkeyId(),
                new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)), "n"))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.CODE_REQUIRED);
                    assertThat(e.httpStatus()).isEqualTo(401);
                });
        assertThat(passkeys.listPasskeys(user.id())).isEmpty();
    }

    @Test
    void whenManyDevicesVerifyWithOneCodeAtOnceThenExactlyOnePasskeyResults() throws Exception {
        int devices = 32;
        // all 32 registrations stay open: above the default cap on open registrations per user (issue 13)
        Passkeys passkeys = new TestPasskeys(t.store, configure().maxOpenCeremoniesPerUser(devices)).passkeys;
        PasskeyUser user = newUser();
        CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
        List<AddPasskeyResponse> begun = new ArrayList<>();
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            AddPasskeyResponse r = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
            begun.add(r);
            credentials.add(new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)));
        }

        List<Object> outcomes = Concurrent.run(devices, i -> {
            try {
                return passkeys.verifyPasskeyWithCode(user.id(), begun.get(i).passkeyId(), credentials.get(i), "device " + i);
            } catch (PasskeyException e) {
                return e.reason();
            }
        });

        assertThat(outcomes.stream().filter(o -> o instanceof Details).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> !(o instanceof Details)).collect(Collectors.toSet()))
                .containsOnly(ErrorReason.CODE_INVALID);
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
        assertThat(passkeys.history(user.id())).filteredOn(e -> e.type() == EventType.CODE_USED).hasSize(1);
    }

    @Test
    void whenALinkIsCreatedThenTheTemplateIsFilledInUrlEncodedAndItsCodeWorks() throws Exception {
        PasskeyUser user = new PasskeyUser("user/1 &x", "u@acme.test", "U", "org 1");

        RegistrationLink link = passkeys.createRegistrationLink(user, TEMPLATE);

        Map<String, String> query = query(link.link());
        assertThat(link.link()).startsWith("https://login.example.com/register?");
        assertThat(query).containsEntry("user", "user/1 &x").containsEntry("org", "org 1").containsEntry("codeID", link.codeId());
        assertThat(query.get("code")).matches("[23456789A-HJ-NP-Z]{16}");
        JsonNode json = PLAIN.valueToTree(link);
        assertThat(json.fieldNames()).toIterable().containsExactly("details", "link", "expiration");
        assertThat(json.get("expiration").asText()).isEqualTo("3600s");
        assertThat(link.toString()).doesNotContain(query.get("code"));

        registerWithCode(user, new CreatedRegistrationCode(query.get("codeID"), query.get("code"), Instant.MAX,
                Duration.ZERO, link.details()), new SoftwareAuthenticator());
        assertThat(passkeys.listPasskeys(user.id())).hasSize(1);
    }

    @Test
    void whenALinkIsSentThenTheNotifierGetsIt() throws Exception {
        PasskeyUser user = newUser();

        Details details = passkeys.sendRegistrationLink(user);

        assertThat(details.sequence()).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(l -> assertThat(query(l)).containsEntry("user", user.id()));
    }

    @Test
    void whenNoNotifierIsConfiguredThenSendingIsAFailedPrecondition() {
        Passkeys plain = new TestPasskeys(new InMemoryPasskeyStore()).passkeys;

        assertThatThrownBy(() -> plain.sendRegistrationLink(newUser(), TEMPLATE))
                .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.NOTIFIER_MISSING));
    }

    @Test
    void whenATemplateIsNotAnHttpUrlOrHasAnUnknownPlaceholderThenInvalidArgument() {
        PasskeyUser user = newUser();
        for (String bad : List.of("javascript:alert({{.Code}})", "https://x.example/?c={{.Code}}&p={{.Password}}",
                "https://x.example/?no-code", "")) {
            assertThatThrownBy(() -> passkeys.createRegistrationLink(user, bad)).as(bad)
                    .isInstanceOfSatisfying(PasskeyException.class, e -> assertThat(e.reason()).isEqualTo(ErrorReason.ARGUMENT_INVALID));
        }
        assertThat(passkeys.history(user.id())).isEmpty();
    }

    @Test
    void whenCodesAreUsedThenNoCodeEverReachesALog() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            PasskeyUser user = newUser();
            CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
            secrets.add(code.code());
            assertThatThrownBy(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), "WRONG2WRONG2WRON")));
            registerWithCode(user, code, new SoftwareAuthenticator());
            RegistrationLink link = passkeys.createRegistrationLink(user, TEMPLATE);
            secrets.add(query(link.link()).get("code"));
            passkeys.sendRegistrationLink(user);
            secrets.add(query(sent.get(0)).get("code"));
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the capture works: the DEBUG lines are there").contains("registration code").contains("created");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret).doesNotContain(secret.toLowerCase());
        }
    }

    private static Map<String, String> query(String link) {
        Map<String, String> result = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            result.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return result;
    }

    @Test
    void whenManyCodesAreMadeThenTheyDoNotRepeat() {
        PasskeyUser user = newUser();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            made.add(passkeys.createRegistrationCode(user).code());
        }
        assertThat(made).doesNotHaveDuplicates();
        assertThat(String.join("", made).chars().mapToObj(c -> (char) c).collect(Collectors.toSet()))
                .hasSize(32).doesNotContain('0', '1', 'O', 'I');
        assertThat(Arrays.asList(made.get(0).split(""))).hasSize(16);
    }

    // ------------------------------------------------------------------ issue 13: per-user passkey cap

    @Test
    void whenTheUserHoldsTheMostPasskeysThenAddPasskeyWithACodeIsRefusedAndTheCodeStaysUsable() {
        Passkeys capped = new TestPasskeys(t.store, configure().maxPasskeysPerUser(1)).passkeys;
        PasskeyUser user = newUser();
        AddPasskeyResponse first = capped.addPasskey(user);
        capped.verifyPasskey(user.id(), first.passkeyId(),
                new SoftwareAuthenticator().create(first.creationOptionsJson(), Options.from(ORIGIN)), "First");
        CreatedRegistrationCode code = capped.createRegistrationCode(user);

        assertThatThrownBy(() -> capped.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code())))
                .isInstanceOfSatisfying(PasskeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ErrorReason.PASSKEY_LIMIT_REACHED);
                    assertThat(e.code()).isEqualTo(PasskeyException.Code.FAILED_PRECONDITION);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });

        capped.removePasskey(user.id(), first.passkeyId());
        AddPasskeyResponse r = capped.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
        capped.verifyPasskeyWithCode(user.id(), r.passkeyId(),
                new SoftwareAuthenticator().create(r.creationOptionsJson(), Options.from(ORIGIN)), "Kiosk key");
        assertThat(capped.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Kiosk key");
    }
}
