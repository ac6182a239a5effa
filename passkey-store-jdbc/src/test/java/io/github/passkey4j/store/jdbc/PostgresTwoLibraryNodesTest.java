package io.github.passkey4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Details;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyInfo;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.store.tck.Concurrent;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import io.github.passkey4j.testing.TestPasskeys;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two library instances ("nodes"), each with its own store and data source, on one PostgreSQL. */
class PostgresTwoLibraryNodesTest {

    private static final String PREFIX = "nodes_";
    private static final String ORIGIN = "https://login.example.com";
    private static TestDatabase db;

    @BeforeAll
    static void freshSchema() {
        db = TestDatabases.postgres();
        db.freshSchema(PREFIX);
    }

    private static Passkeys node(int nodeId, DataSource dataSource) {
        return Passkeys.builder()
                .store(JdbcPasskeyStore.builder(dataSource).tablePrefix(PREFIX).build())
                .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
                .ids(IdGenerator.timeOrdered(nodeId))
                .build();
    }

    private final Passkeys nodeA = node(1, db.dataSource());
    private final Passkeys nodeB = node(2, db.newDataSource());

    @Test
    void whenAddedOnNodeAThenVerifiedOnNodeBAndSignedInAcrossNodes() {
        PasskeyUser user = TestPasskeys.newUser();
        SoftwareAuthenticator authenticator = new SoftwareAuthenticator();

        AddPasskeyResponse added = nodeA.addPasskey(user);
        Details verified = nodeB.verifyPasskey(user.id(), added.passkeyId(),
                authenticator.create(added.creationOptionsJson(), Options.from(ORIGIN)), "Laptop");
        SignInChallenge challenge = nodeB.beginSignIn(SignInOptions.usernameless());
        SignInResult signedIn = nodeA.finishSignIn(challenge.ceremonyId(),
                authenticator.get(challenge.publicKeyCredentialRequestOptions(), Options.from(ORIGIN)));

        assertThat(verified.sequence()).isEqualTo(2);
        assertThat(signedIn.userId()).isEqualTo(user.id());
        assertThat(signedIn.details().sequence()).isEqualTo(3);
        assertThat(nodeA.listPasskeys(user.id())).extracting(PasskeyInfo::name).containsExactly("Laptop");
        assertThat(nodeB.listPasskeys(user.id())).isEqualTo(nodeA.listPasskeys(user.id()));
    }

    @Test
    void whenBothNodesVerifyOneRegistrationAtOnceThenExactlyOneWins() throws Exception {
        PasskeyUser user = TestPasskeys.newUser();
        AddPasskeyResponse added = nodeA.addPasskey(user);
        int threads = 16;
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            credentials.add(new SoftwareAuthenticator().create(added.creationOptionsJson(), Options.from(ORIGIN)));
        }

        List<Object> outcomes = Concurrent.run(threads, i -> {
            try {
                return (i % 2 == 0 ? nodeA : nodeB).verifyPasskey(user.id(), added.passkeyId(), credentials.get(i), "n" + i);
            } catch (PasskeyException e) {
                return e.reason();
            }
        });

        assertThat(outcomes.stream().filter(o -> o instanceof Details).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> !(o instanceof Details)).collect(Collectors.toSet()))
                .containsOnly(ErrorReason.CEREMONY_USED);
        assertThat(nodeB.listPasskeys(user.id())).hasSize(1);
        assertThat(nodeA.history(user.id())).hasSize(2);
    }
}
