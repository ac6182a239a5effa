package io.github.passkey4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import java.io.IOException;

/**
 * The quick start: the library's first operation, ZITADEL's "Add passkey", in a plain {@code main}.
 * It prints the response a host sends to the browser, in the seed's JSON: {@code key.id} is the new
 * passkey's id, {@code key.publicKey} the creation options (standard base64 of {@code {"publicKey":
 * {...}}}), {@code details} the user's sequence and the time.
 *
 * <p>Run it with {@code mvn -q -pl examples exec:java -Dexec.mainClass=io.github.passkey4j.examples.QuickStart}
 * (after {@code mvn -q install -DskipTests}).
 */
public final class QuickStart {

    private QuickStart() {
    }

    /**
     * @param args none
     * @throws IOException never: the response is written to standard output
     */
    public static void main(String[] args) throws IOException {
        // 1. One instance per application: where passkeys live, and the site they are for.
        Passkeys passkeys = Passkeys.builder()
                .store(new InMemoryPasskeyStore())
                .relyingParty(RelyingPartyConfig.of("localhost", "passkey4j quick start", "http://localhost:8080"))
                .build();

        // 2. The signed-in user, as the host knows it: id, login name, display name, organisation.
        PasskeyUser user = new PasskeyUser("182156264229306625", "testuser55@acme.test", "Test Test", "69629023906488334");

        // 3. "Add passkey": hand this to the browser, which creates the passkey with
        //    navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(...)}).
        AddPasskeyResponse response = passkeys.addPasskey(user);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(response));

        // 4. Then store what the browser answers (its credential.toJSON()), under a name the user chose:
        //    passkeys.verifyPasskey(user.id(), response.passkeyId(), credentialJson, "Laptop");
    }
}
