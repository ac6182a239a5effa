package io.github.passkey4j.store.jdbc;

import static io.github.passkey4j.store.tck.StoreFixtures.at;
import static io.github.passkey4j.store.tck.StoreFixtures.event;
import static io.github.passkey4j.store.tck.StoreFixtures.passkey;
import static io.github.passkey4j.store.tck.StoreFixtures.registration;
import static io.github.passkey4j.store.tck.StoreFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What an outage test checks while the database is gone and once it is back. */
final class Outages {

    /** How long a call may take to give up on a database that is gone. */
    static final Duration PROMPT = Duration.ofSeconds(15);

    private Outages() {
    }

    /** What a store held before the outage, and the calls tried during it. */
    static final class Before {
        final StoredPasskey kept;
        final PendingCeremony tried;
        final StoredPasskey triedPasskey;

        Before(PasskeyStore store) {
            kept = passkey(JdbcStoreBehaviour.user(), at(0));
            store.insertPasskey(kept, verified(kept), Optional.empty(), Optional.empty());
            tried = registration(kept.userId(), at(10));
            triedPasskey = passkey(JdbcStoreBehaviour.user(), at(10));
        }
    }

    /** Every kind of call, on a store whose database is gone, fails promptly with UNAVAILABLE. */
    static void assertEveryCallUnavailable(PasskeyStore store, Before before) {
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        String u = before.kept.userId();
        calls.put("listPasskeys", () -> store.listPasskeys(u));
        calls.put("findPasskey", () -> store.findPasskey(before.kept.id()));
        calls.put("insertPending", () -> store.insertPending(before.tried, JdbcStoreBehaviour.added(before.tried)));
        calls.put("insertPasskey", () -> store.insertPasskey(before.triedPasskey, verified(before.triedPasskey),
                Optional.empty(), Optional.empty()));
        calls.put("renamePasskey", () -> store.renamePasskey(u, before.kept.id(), "during the outage",
                event(u, EventType.PASSKEY_RENAMED, before.kept.id(), at(11))));
        calls.put("findNewestPending", () -> store.findNewestPending(u, CeremonyKind.REGISTRATION, at(12)));
        calls.put("purgeExpired", () -> store.purgeExpired(at(13)));
        calls.forEach((name, call) -> {
            long start = System.nanoTime();
            assertThatThrownBy(call).as(name + " on a database that is gone").isInstanceOfSatisfying(PasskeyStoreException.class,
                    e -> assertThat(e.reason()).as(name + ": " + e.getMessage()).isEqualTo(Reason.UNAVAILABLE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("%s with the database gone: UNAVAILABLE after %d ms%n", name, took.toMillis());
            assertThat(took).as(name).isLessThan(PROMPT);
        });
    }

    /** Once the database is back, the store works without being told, and holds exactly what it held. */
    static void assertWorksAgainWithNothingLostOrHalfWritten(PasskeyStore store, Before before) {
        String u = before.kept.userId();
        assertThat(store.findPasskey(before.kept.id())).contains(before.kept);
        assertThat(store.listEvents(u)).hasSize(1);
        assertThat(store.findPending(before.tried.id())).isEmpty();
        assertThat(store.findPasskey(before.triedPasskey.id())).isEmpty();

        store.insertPending(before.tried, JdbcStoreBehaviour.added(before.tried));
        StoredPasskey verifiedNow = passkey(before.tried.id(), u, before.triedPasskey.credentialId(), at(20));
        store.insertPasskey(verifiedNow, verified(verifiedNow), Optional.of(before.tried.id()), Optional.empty());
        assertThat(store.listPasskeys(u)).containsExactly(before.kept, verifiedNow);
        assertThat(store.listEvents(u)).extracting(e -> e.sequence()).containsExactly(1L, 2L, 3L);
    }
}
