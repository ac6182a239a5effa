package io.github.passkey4j.examples;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyInfo;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import java.util.List;

/**
 * Host code, as an application would write it: the "Passkeys" part of its account settings, with one
 * rule of its own: an account without a password keeps at least one passkey, so it cannot lock itself
 * out. {@code AccountPasskeysTest} shows how to unit-test such code on the in-memory store with the
 * software authenticator, without a browser.
 */
public final class AccountPasskeys {

    /**
     * The host's account.
     *
     * @param id its id
     * @param email its login name
     * @param organisation the organisation it belongs to
     * @param hasPassword whether it can also sign in with a password
     */
    public record Account(String id, String email, String organisation, boolean hasPassword) {
    }

    private final Passkeys passkeys;

    /** @param passkeys the application's one {@link Passkeys} */
    public AccountPasskeys(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    /**
     * @param account the signed-in account
     * @return what to send to the browser
     */
    public AddPasskeyResponse startAdding(Account account) {
        return passkeys.addPasskey(PasskeyUser.of(account.id(), account.email(), account.organisation()));
    }

    /**
     * @param account the signed-in account
     * @param passkeyId the id {@link #startAdding} returned
     * @param credentialJson the browser's {@code credential.toJSON()}
     * @param name the name the user gave the passkey
     */
    public void finishAdding(Account account, String passkeyId, String credentialJson, String name) {
        passkeys.verifyPasskey(account.id(), passkeyId, credentialJson, name);
    }

    /**
     * @param account the signed-in account
     * @return its passkeys, oldest first
     */
    public List<PasskeyInfo> list(Account account) {
        return passkeys.listPasskeys(account.id());
    }

    /**
     * @param account the signed-in account
     * @param passkeyId one of its passkeys
     * @throws IllegalStateException when it is the last passkey of an account without a password
     */
    public void remove(Account account, String passkeyId) {
        List<PasskeyInfo> current = list(account);
        boolean last = current.size() == 1 && current.get(0).id().equals(passkeyId);
        if (last && !account.hasPassword()) {
            throw new IllegalStateException("this is your only way to sign in: add another passkey first");
        }
        passkeys.removePasskey(account.id(), passkeyId);
    }
}
