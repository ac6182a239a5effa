package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import java.io.IOException;
import java.util.Map;

/** Whole ceremonies through the demo's HTTP API, for the server tests; each fails loudly on a wrong status. */
final class Ceremonies {

    private Ceremonies() {
    }

    /** A passkey as registered: its id and the authenticator that holds it. */
    record Registered(String passkeyId, SoftwareAuthenticator authenticator) {
    }

    /** Adds a passkey (v2 begin, the software authenticator, v2 verify). */
    static Registered register(ApiClient api, String origin, User user, String name) throws IOException {
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
        Response begun = expect(api.post(user.passkeys(), user.token(), Map.of()), 200);
        String passkeyId = begun.json().get("passkeyId").asText();
        String credential = authenticator.create(begun.json().get("publicKeyCredentialCreationOptions").toString(),
                SoftwareAuthenticator.Options.from(origin));
        ObjectNode body = ApiClient.JSON.createObjectNode();
        body.set("publicKeyCredential", ApiClient.JSON.readTree(credential));
        body.put("passkeyName", name);
        expect(api.post(user.passkeys() + "/" + passkeyId, user.token(), body), 200);
        return new Registered(passkeyId, authenticator);
    }

    /** Username-first sign-in; returns the PATCH answer (its sessionToken is the new bearer). */
    static Response signIn(ApiClient api, String origin, SoftwareAuthenticator authenticator, String loginName)
            throws IOException {
        Response created = expect(api.post("/v2/sessions", null, beginBody(loginName)), 200);
        String assertion = authenticator.get(created.json().at("/challenges/webAuthN/publicKeyCredentialRequestOptions")
                .toString(), SoftwareAuthenticator.Options.from(origin));
        ObjectNode check = ApiClient.JSON.createObjectNode();
        check.putObject("checks").putObject("webAuthN").set("credentialAssertionData", ApiClient.JSON.readTree(assertion));
        Response checked = expect(api.patch("/v2/sessions/" + created.json().get("sessionId").asText(),
                created.json().get("sessionToken").asText(), check), 200);
        return checked;
    }

    static ObjectNode beginBody(String loginName) {
        ObjectNode body = ApiClient.JSON.createObjectNode();
        if (loginName != null) {
            body.putObject("checks").putObject("user").put("loginName", loginName);
        }
        body.putObject("challenges").putObject("webAuthN").put("domain", "localhost");
        return body;
    }

    static Response expect(Response r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ", got " + r.status() + " " + r.text());
        }
        return r;
    }
}
