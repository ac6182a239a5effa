package io.github.passkey4j.store.jdbc;

import static io.github.passkey4j.store.tck.StoreFixtures.at;
import static io.github.passkey4j.store.tck.StoreFixtures.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import io.github.passkey4j.store.PendingCeremony;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A transaction the database aborts for a conflict runs again, a bounded number of times, and only once counts. */
class RetryTest {

    private static final String PREFIX = "retry_";
    private static TestDatabase db;

    @BeforeAll
    static void createTables() {
        db = TestDatabases.h2Memory("retry");
        db.freshSchema(PREFIX);
    }

    @Test
    void whenTheCommitIsAbortedByAConflictThenTheWholeTransactionRunsAgainAndTakesEffectOnce() {
        FaultyDataSource conflicting = new FaultyDataSource(db, FaultyDataSource.Mode.CONFLICT);
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(conflicting).tablePrefix(PREFIX).database(Database.H2)
                .maxRetries(1).build();
        PendingCeremony p = registration(JdbcStoreBehaviour.user(), at(0));

        conflicting.failAt(indexOfCommit(p));
        Event e = store.insertPending(p, JdbcStoreBehaviour.added(p));

        List<String> calls = conflicting.calls();
        assertThat(calls.stream().filter("DataSource.getConnection"::equals).count()).as("attempts").isEqualTo(2);
        assertThat(e.sequence()).isEqualTo(1);
        assertThat(store.listEvents(p.userId().orElseThrow())).containsExactly(e);
        assertThat(store.findPending(p.id())).contains(p);
    }

    @Test
    void whenConflictsOutlastTheRetriesThenUnavailableAndNothingChanges() {
        FaultyDataSource conflicting = new FaultyDataSource(db, FaultyDataSource.Mode.CONFLICT);
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(conflicting).tablePrefix(PREFIX).database(Database.H2)
                .maxRetries(3).build();
        PendingCeremony p = registration(JdbcStoreBehaviour.user(), at(0));
        Map<String, List<String>> before = db.contents(PREFIX);

        conflicting.failEvery("Connection.commit");
        assertThatThrownBy(() -> store.insertPending(p, JdbcStoreBehaviour.added(p)))
                .isInstanceOfSatisfying(PasskeyStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("gave up after 4 attempts").contains("40001");
                });

        assertThat(conflicting.calls().stream().filter("Connection.commit"::equals).count()).isEqualTo(4);
        assertThat(db.contents(PREFIX)).isEqualTo(before);
    }

    /** @return the number of the call that commits an insertPending, learnt from a run on another ceremony */
    private static int indexOfCommit(PendingCeremony like) {
        FaultyDataSource counting = new FaultyDataSource(db, FaultyDataSource.Mode.INJECT);
        JdbcPasskeyStore probe = JdbcPasskeyStore.builder(counting).tablePrefix(PREFIX).database(Database.H2).build();
        PendingCeremony other = registration(like.userId().orElseThrow() + "-probe", like.createdAt());
        counting.failAt(0);
        probe.insertPending(other, JdbcStoreBehaviour.added(other));
        return counting.calls().indexOf("Connection.commit") + 1;
    }
}
