package io.github.passkey4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.testing.MutableClock;
import io.github.passkey4j.testing.TestPasskeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ids that nodes sharing a store make without being told about each other. */
class IdGeneratorTest {

    private static final int NODES = 2;
    private static final int THREADS_PER_NODE = 2;
    private static final int IDS_PER_THREAD = 100_000;

    @Test
    void whenTwoNodesWithoutNodeIdsMakeIdsConcurrentlyThenNoneCollide() throws Exception {
        List<IdGenerator> nodes = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            nodes.add(IdGenerator.random());
        }
        Set<String> all = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(NODES * THREADS_PER_NODE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (IdGenerator node : nodes) {
                for (int t = 0; t < THREADS_PER_NODE; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        int duplicates = 0;
                        for (int i = 0; i < IDS_PER_THREAD; i++) {
                            if (!all.add(node.nextId())) {
                                duplicates++;
                            }
                        }
                        return duplicates;
                    }));
                }
            }
            start.countDown();
            int duplicates = 0;
            for (Future<Integer> f : results) {
                duplicates += f.get(2, TimeUnit.MINUTES);
            }

            assertThat(duplicates).isZero();
            assertThat(all).hasSize(NODES * THREADS_PER_NODE * IDS_PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenARandomIdIsMadeThenItIsAPositiveDecimalOf18Or19Digits() {
        IdGenerator ids = IdGenerator.random();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.nextId();
            assertThat(id).matches("[1-9][0-9]{17,18}");
            assertThat(Long.parseLong(id)).isPositive();
        }
    }

    @Test
    void whenPasskeysIsBuiltWithoutAnIdGeneratorThenItsIdsDoNotDependOnTheClockOrANode() {
        // a frozen clock: a time-ordered generator would hand out consecutive numbers here, and two
        // instances with the same (randomly drawn) node id would hand out the same ones
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:54:19.585Z"));
        Set<String> seen = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            Passkeys passkeys = Passkeys.builder()
                    .store(new InMemoryPasskeyStore())
                    .relyingParty(RelyingPartyConfig.of(TestPasskeys.RP_ID, "Example", TestPasskeys.ORIGIN))
                    .clock(clock)
                    .build();
            for (int i = 0; i < 50; i++) {
                String id = passkeys.beginSignIn(SignInOptions.usernameless()).ceremonyId();
                assertThat(seen.add(id)).isTrue();
                ids.add(Long.parseLong(id));
            }
        }

        int consecutive = 0;
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) - ids.get(i - 1) == 1) {
                consecutive++;
            }
        }
        assertThat(consecutive).isZero();
    }

    @Test
    void whenEachNodeIsGivenItsOwnNodeIdThenTimeOrderedIdsNeverCollide() {
        IdGenerator a = IdGenerator.timeOrdered(1);
        IdGenerator b = IdGenerator.timeOrdered(2);
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            assertThat(all.add(a.nextId())).isTrue();
            assertThat(all.add(b.nextId())).isTrue();
        }
    }
}
