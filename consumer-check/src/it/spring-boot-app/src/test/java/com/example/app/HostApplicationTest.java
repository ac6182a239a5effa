package com.example.app;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

class HostApplicationTest {

    @Test
    void theStarterAloneGivesPasskeysOnTheApplicationsDatabase() throws Exception {
        try (ConfigurableApplicationContext context = SpringApplication.run(HostApplication.class)) {
            PasskeyStore store = context.getBean(PasskeyStore.class);
            Assertions.assertEquals("io.github.passkey4j.store.jdbc.JdbcPasskeyStore", store.getClass().getName());
            Passkeys passkeys = context.getBean(Passkeys.class);
            SoftwareAuthenticator authenticator = new SoftwareAuthenticator();
            Options browser = Options.from("http://localhost:8080");
            PasskeyUser user = PasskeyUser.of("1001", "pat@example.com", "org-1");
            AddPasskeyResponse added = passkeys.addPasskey(user);
            passkeys.verifyPasskey(user.id(), added.passkeyId(),
                    authenticator.create(added.creationOptionsJson(), browser), "Laptop");
            SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.usernameless());
            SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(),
                    authenticator.get(challenge.publicKeyCredentialRequestOptions(), browser));
            Assertions.assertEquals("1001", result.userId());
            try (var connection = context.getBean(javax.sql.DataSource.class).getConnection();
                    var rs = connection.createStatement().executeQuery(
                            "SELECT COUNT(*) FROM \"passkey4j_schema_history\" WHERE \"success\"")) {
                Assertions.assertTrue(rs.next());
                Assertions.assertTrue(rs.getInt(1) >= 1, "the shipped migrations ran through Flyway");
            }
        }
    }
}
