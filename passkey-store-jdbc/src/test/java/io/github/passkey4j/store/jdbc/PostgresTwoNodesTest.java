package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.tck.Concurrent;
import static io.github.passkey4j.store.tck.StoreFixtures.at;
import static io.github.passkey4j.store.tck.StoreFixtures.event;
import static io.github.passkey4j.store.tck.StoreFixtures.passkey;
import static io.github.passkey4j.store.tck.StoreFixtures.pending;
import static io.github.passkey4j.store.tck.StoreFixtures.randomBytes;
import static io.github.passkey4j.store.tck.StoreFixtures.registration;
import static io.github.passkey4j.store.tck.StoreFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.SignInUpdate;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two library instances, each with a connection pool of its own, on one PostgreSQL: two nodes of a cluster behind a
 * load balancer. A ceremony begun on one finishes on the other; racing finishes on both give one winner.
 */
class PostgresTwoNodesTest {

    private static final String PREFIX = "nodes_";
    private static PasskeyStore nodeA;
    private static PasskeyStore nodeB;

    @BeforeAll
    static void twoNodes() {
        TestDatabase db = TestDatabases.postgres();
        db.freshSchema(PREFIX);
        nodeA = JdbcPasskeyStore.builder(TestDatabases.pool(db.newDataSource(), "node-a", true)).tablePrefix(PREFIX).build();
        nodeB = JdbcPasskeyStore.builder(TestDatabases.pool(db.newDataSource(), "node-b", true)).tablePrefix(PREFIX).build();
    }

    @Test
    void whenARegistrationIsBegunOnNodeAThenNodeBVerifiesIt() {
        String u = JdbcStoreBehaviour.user();
        PendingCeremony begun = registration(u, at(0));
        nodeA.insertPending(begun, JdbcStoreBehaviour.added(begun));

        assertThat(nodeB.findNewestPending(u, CeremonyKind.REGISTRATION, at(1))).contains(begun);
        StoredPasskey k = passkey(begun.id(), u, randomBytes(32), at(2));
        Event e = nodeB.insertPasskey(k, verified(k), Optional.of(begun.id()), Optional.empty());

        assertThat(e.sequence()).isEqualTo(2);
        assertThat(nodeA.listPasskeys(u)).containsExactly(k);
        assertThat(nodeA.findPending(begun.id())).isEmpty();
    }

    @Test
    void whenBothNodesVerifyOneRegistrationAtOnceThenExactlyOneWinsAndTheOtherFindsTheCeremonyGone() throws Exception {
        String u = JdbcStoreBehaviour.user();
        PendingCeremony begun = registration(u, at(0));
        nodeA.insertPending(begun, JdbcStoreBehaviour.added(begun));

        List<Boolean> won = Concurrent.run(64, i -> {
            // each try carries its own credential: the ceremony decides the winner, not the unique index
            StoredPasskey k = passkey(begun.id(), u, randomBytes(32), at(2));
            try {
                (i % 2 == 0 ? nodeA : nodeB).insertPasskey(k, verified(k), Optional.of(begun.id()), Optional.empty());
                return true;
            } catch (PasskeyStoreException e) {
                assertThat(e.reason()).isEqualTo(Reason.CEREMONY_GONE);
                return false;
            }
        });

        assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
        assertThat(nodeA.listPasskeys(u)).hasSize(1);
        assertThat(nodeB.listEvents(u)).extracting(Event::sequence).containsExactly(1L, 2L);
    }

    @Test
    void whenSignInsOfOnePasskeyRaceOnBothNodesThenEachCeremonyIsUsedOnceAndTheCounterNeverGoesBack()
            throws Exception {
        String u = JdbcStoreBehaviour.user();
        StoredPasskey k = passkey(u, at(0));
        nodeA.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        List<PendingCeremony> ceremonies = IntStream.range(0, 32)
                .mapToObj(i -> pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(1), Duration.ofMinutes(5)))
                .toList();
        ceremonies.forEach(c -> (c.id().hashCode() % 2 == 0 ? nodeA : nodeB).insertPending(c));

        // 64 threads, two per ceremony, one on each node; each reads the counter and tries to raise it by one
        List<Boolean> recorded = Concurrent.run(64, i -> {
            PasskeyStore node = i % 2 == 0 ? nodeA : nodeB;
            PendingCeremony c = ceremonies.get(i / 2);
            for (int attempt = 0; attempt < 200; attempt++) {
                long seen = node.findPasskey(k.id()).orElseThrow().signCount();
                try {
                    Optional<Event> e = node.recordSignIn(new SignInUpdate(u, k.id(), seen, seen + 1, true, false, false,
                            at(2)), event(u, EventType.PASSKEY_SIGNED_IN, k.id(), at(2)), Optional.of(c.id()));
                    if (e.isPresent()) {
                        return true;
                    }
                } catch (PasskeyStoreException ex) {
                    assertThat(ex.reason()).isEqualTo(Reason.CEREMONY_GONE);
                    return false;
                }
            }
            throw new AssertionError("no progress in 200 tries");
        });

        assertThat(recorded.stream().filter(r -> r).count()).isEqualTo(32);
        assertThat(nodeB.findPasskey(k.id()).orElseThrow().signCount()).isEqualTo(7 + 32);
        assertThat(nodeA.listEvents(u)).extracting(Event::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 33).boxed().toList());
        ceremonies.forEach(c -> assertThat(nodeB.findPending(c.id())).isEmpty());
    }
}
