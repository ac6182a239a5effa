package io.github.passkey4j.store.tck;

import static io.github.passkey4j.store.tck.StoreFixtures.at;
import static io.github.passkey4j.store.tck.StoreFixtures.event;
import static io.github.passkey4j.store.tck.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PendingCeremony;
import org.junit.jupiter.api.Test;

class InMemoryPasskeyStoreTest extends PasskeyStoreContract {

    @Override
    protected PasskeyStore createStore() {
        return new InMemoryPasskeyStore();
    }

    @Test
    void whenCeremoniesExpireUnfinishedThenNewOnesDropThemWithoutAPurgeCall() {
        String userId = "u-expiry";
        PendingCeremony first = registration(userId, at(0));
        store.insertPending(first, event(userId, EventType.PASSKEY_ADDED, first.id(), at(0)));

        PendingCeremony later = registration(userId, first.expiresAt());
        store.insertPending(later, event(userId, EventType.PASSKEY_ADDED, later.id(), later.createdAt()));

        assertThat(store.findPending(first.id())).isEmpty();
        assertThat(store.findPending(later.id())).contains(later);
    }
}
