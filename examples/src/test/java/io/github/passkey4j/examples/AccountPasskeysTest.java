package io.github.passkey4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyInfo;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.examples.AccountPasskeys.Account;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.SoftwareAuthenticator;
import io.github.passkey4j.testing.SoftwareAuthenticator.Options;
import org.junit.jupiter.api.Test;

/**
 * How a host unit-tests its own passkey code: a real {@link Passkeys} on the in-memory store, and
 * {@link SoftwareAuthenticator} (from passkey-test) playing the browser and the
 * authenticator. No browser, no database, no mocks.
 */
class AccountPasskeysTest {

    private static final String ORIGIN = "https://example.com";

    private final Passkeys passkeys = Passkeys.builder()
            .store(new InMemoryPasskeyStore())
            .relyingParty(RelyingPartyConfig.of("example.com", "Example", ORIGIN))
            .build();
    private final AccountPasskeys settings = new AccountPasskeys(passkeys);

    private final Account passwordless = new Account("1001", "pat@example.com", "org-1", false);
    private final Account withPassword = new Account("1002", "kim@example.com", "org-1", true);

    /** What the page does: start, let the browser create the passkey, finish. */
    private String addPasskey(Account account, String name) {
        AddPasskeyResponse started = settings.startAdding(account);
        String credentialJson = new SoftwareAuthenticator().create(started.creationOptionsJson(), Options.from(ORIGIN));
        settings.finishAdding(account, started.passkeyId(), credentialJson, name);
        return started.passkeyId();
    }

    @Test
    void whenAPasskeyIsAddedThenItIsListedUnderItsName() {
        addPasskey(passwordless, "Laptop");

        assertThat(settings.list(passwordless)).extracting(PasskeyInfo::name).containsExactly("Laptop");
    }

    @Test
    void whenAnAccountWithoutPasswordRemovesItsLastPasskeyThenItIsRefusedAndKept() {
        String only = addPasskey(passwordless, "Laptop");

        assertThatThrownBy(() -> settings.remove(passwordless, only))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add another passkey first");
        assertThat(settings.list(passwordless)).hasSize(1);
    }

    @Test
    void whenAnAccountWithoutPasswordHasTwoPasskeysThenItMayRemoveOne() {
        String laptop = addPasskey(passwordless, "Laptop");
        addPasskey(passwordless, "Phone");

        settings.remove(passwordless, laptop);

        assertThat(settings.list(passwordless)).extracting(PasskeyInfo::name).containsExactly("Phone");
    }

    @Test
    void whenAnAccountWithAPasswordRemovesItsLastPasskeyThenItIsRemoved() {
        String only = addPasskey(withPassword, "Security key");

        settings.remove(withPassword, only);

        assertThat(settings.list(withPassword)).isEmpty();
    }

    @Test
    void whenTheBrowsersAnswerComesFromAnotherSiteThenNothingIsAdded() {
        AddPasskeyResponse started = settings.startAdding(passwordless);
        String phished = new SoftwareAuthenticator().create(started.creationOptionsJson(), Options.from("https://evil.example"));

        assertThatThrownBy(() -> settings.finishAdding(passwordless, started.passkeyId(), phished, "Laptop"))
                .isInstanceOfSatisfying(PasskeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(ErrorReason.ORIGIN_NOT_ALLOWED));
        assertThat(settings.list(passwordless)).isEmpty();
    }
}
