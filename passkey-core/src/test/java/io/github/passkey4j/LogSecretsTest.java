package io.github.passkey4j;

import static io.github.passkey4j.testing.TestPasskeys.ORIGIN;
import static io.github.passkey4j.testing.TestPasskeys.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestCertificates;
import io.github.passkey4j.testing.TestPasskeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Whole ceremonies at DEBUG (the surefire configuration turns the library's DEBUG lines on, and
 * slf4j-simple writes every logger, the engine's included, to standard error): no challenge, code,
 * public key, signature, credential id or credential JSON reaches a log line, in any encoding, and
 * no error body carries the engine's (or any library's) own exception message.
 */
class LogSecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPasskeys t = new TestPasskeys(new InMemoryPasskeyStore());
    private final Passkeys passkeys = t.passkeys;
    private final SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final List<PasskeyException> failures = new ArrayList<>();

    /** Remembers a binary secret in every encoding a log line could carry it in. */
    private void secretBytes(byte[] b) {
        if (b.length < 8) {
            return;
        }
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        secrets.add(Base64.getEncoder().withoutPadding().encodeToString(b));
        secrets.add(HexFormat.of().formatHex(b));
        secrets.add(HexFormat.of().withUpperCase().formatHex(b));
    }

    private void secretBase64Url(String text) {
        secrets.add(text);
        secretBytes(Base64.getUrlDecoder().decode(text));
    }

    /** The challenge of creation or request options. */
    private void secretOptions(String optionsJson) throws Exception {
        secretBase64Url(JSON.readTree(optionsJson).get("publicKey").get("challenge").asText());
    }

    /** Every binary field of a credential, and the JSON itself. */
    private String secretCredential(String credentialJson) throws Exception {
        secrets.add(credentialJson);
        JsonNode c = JSON.readTree(credentialJson);
        secretBase64Url(c.get("id").asText());
        c.get("response").fields().forEachRemaining(f -> {
            if (f.getValue().isTextual() && f.getValue().asText().length() > 16) {
                secretBase64Url(f.getValue().asText());
            }
        });
        return credentialJson;
    }

    private static String withStatement(String credential, CBORObject statement) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(credential);
        ObjectNode response = (ObjectNode) json.get("response");
        CBORObject att = CBORObject.DecodeFromBytes(Base64.getUrlDecoder().decode(response.get("attestationObject").asText()));
        byte[] changed = CBORObject.NewOrderedMap().Add("fmt", att.get("fmt")).Add("attStmt", statement)
                .Add("authData", att.get("authData")).EncodeToBytes();
        response.put("attestationObject", Base64.getUrlEncoder().withoutPadding().encodeToString(changed));
        return JSON.writeValueAsString(json);
    }

    private void expectFailure(Supplier<?> call) {
        try {
            call.get();
        } catch (PasskeyException e) {
            failures.add(e);
            return;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void whenWholeCeremoniesAndFailuresRunAtDebugThenNoSecretReachesALogOrAnErrorBody() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            // registration, with a refused answer first (a signature the engine refuses)
            PasskeyUser user = newUser();
            AddPasskeyResponse added = passkeys.addPasskey(user);
            secretOptions(added.creationOptionsJson());
            String bad = secretCredential(authenticator.create(added.creationOptionsJson(),
                    Options.from(ORIGIN).format("packed").flipSignatureBit()));
            expectFailure(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), bad, "Laptop"));
            // a certificate the engine cannot parse, and one with a signature it cannot even check: the
            // engine logs the whole attestation object at ERROR for both, so the library refuses them first
            for (CBORObject statement : List.of(
                    CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})
                            .Add("x5c", CBORObject.NewArray().Add(new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})),
                    CBORObject.NewOrderedMap().Add("alg", -7).Add("sig", new byte[] {0x30, 0x03, 0x02, 0x01, 0x05})
                            .Add("x5c", CBORObject.NewArray().Add(TestCertificates.root("CN=Log Test",
                                    TestCertificates.ecKeyPair()).getEncoded())))) {
                String garbage = secretCredential(withStatement(authenticator.create(added.creationOptionsJson(),
                        Options.from(ORIGIN).format("packed")), statement));
                secretBytes(SoftwareAuthenticator.coseKeyOf(authenticator.last()));
                expectFailure(() -> passkeys.verifyPasskey(user.id(), added.passkeyId(), garbage, "Laptop"));
            }
            String good = secretCredential(authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN).format("packed")));
            secretBytes(SoftwareAuthenticator.coseKeyOf(authenticator.last()));
            passkeys.verifyPasskey(user.id(), added.passkeyId(), good, "Laptop");

            // registration with a code: a wrong code, then the right one
            CreatedRegistrationCode code = passkeys.createRegistrationCode(user);
            secrets.add(code.code());
            expectFailure(() -> passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), "WRONG2WRONG2WRON")));
            AddPasskeyResponse withCode = passkeys.addPasskey(user, AddPasskeyOptions.defaults().withCode(code.codeId(), code.code()));
            secretOptions(withCode.creationOptionsJson());
            SoftwareAuthenticator second = new SoftwareAuthenticator();
            String offCurve = secretCredential(second.create(withCode.creationOptionsJson(), Options.from(ORIGIN)
                    .coseKey(new byte[] {(byte) 0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, 1, 2, 3, 4, 5, 6, 7, 8,
                        9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 0x22, 0x58,
                        0x20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                        28, 29, 30, 31, 32})));
            expectFailure(() -> passkeys.verifyPasskeyWithCode(user.id(), withCode.passkeyId(), offCurve, "Phone"));
            String viaCode = secretCredential(second.create(withCode.creationOptionsJson(), Options.from(ORIGIN)));
            secretBytes(SoftwareAuthenticator.coseKeyOf(second.last()));
            passkeys.verifyPasskeyWithCode(user.id(), withCode.passkeyId(), viaCode, "Phone");

            // sign-in: a bad signature, another challenge, BS without BE, then a good one
            SignInChallenge c = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
            secretOptions(c.publicKeyCredentialRequestOptions());
            String flipped = secretCredential(authenticator.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).flipSignatureBit()));
            expectFailure(() -> passkeys.finishSignIn(c.ceremonyId(), flipped));
            String otherChallenge = secretCredential(authenticator.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).challenge("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")));
            expectFailure(() -> passkeys.finishSignIn(c.ceremonyId(), otherChallenge));
            String bsWithoutBe = secretCredential(authenticator.get(c.publicKeyCredentialRequestOptions(),
                    Options.from(ORIGIN).backup(false, true)));
            expectFailure(() -> passkeys.finishSignIn(c.ceremonyId(), bsWithoutBe));
            String signIn = secretCredential(authenticator.get(c.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));
            passkeys.finishSignIn(c.ceremonyId(), signIn);
            expectFailure(() -> passkeys.finishSignIn(c.ceremonyId(), signIn));
            expectFailure(() -> passkeys.finishSignIn(c.ceremonyId(), "{\"id\": \"" + "A".repeat(100) + "\""));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).as("the capture works: the DEBUG lines are there")
                .contains("registration").contains("verified").contains("sign-in").contains("DEBUG");
        assertThat(log).as("the refusals are logged with our reason ids").contains("PASSKEY-SIGNATURE-INVALID");
        assertThat(secrets).hasSizeGreaterThan(40);
        for (String secret : secrets) {
            assertThat(log).as("a secret in the log").doesNotContain(secret);
        }
        assertThat(failures).hasSize(10);
        for (PasskeyException e : failures) {
            String body = JSON.writeValueAsString(e.toErrorBody());
            assertThat(e.code().httpStatus()).as(body).isLessThan(500);
            for (String secret : secrets) {
                assertThat(body).doesNotContain(secret);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().length() > 12) {
                    assertThat(body).as("the body carries the message of %s", cause.getClass().getName())
                            .doesNotContain(cause.getMessage());
                }
            }
        }
    }
}
