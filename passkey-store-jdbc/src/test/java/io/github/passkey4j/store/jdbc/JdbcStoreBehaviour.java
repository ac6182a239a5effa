package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.tck.Concurrent;
import static io.github.passkey4j.store.tck.StoreFixtures.at;
import static io.github.passkey4j.store.tck.StoreFixtures.code;
import static io.github.passkey4j.store.tck.StoreFixtures.event;
import static io.github.passkey4j.store.tck.StoreFixtures.newId;
import static io.github.passkey4j.store.tck.StoreFixtures.passkey;
import static io.github.passkey4j.store.tck.StoreFixtures.pending;
import static io.github.passkey4j.store.tck.StoreFixtures.randomBytes;
import static io.github.passkey4j.store.tck.StoreFixtures.registration;
import static io.github.passkey4j.store.tck.StoreFixtures.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.CodeUse;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PasskeyStoreException.Reason;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.SignInUpdate;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JDBC store promises beyond the store contract, written once and run on each database: nothing is
 * half-written when the connection drops at any JDBC call, prefixes keep stores apart, every text and id reads
 * back exactly, the round trips stay few, and the first writes of a new user race safely.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoreBehaviour {

    /** Tables of this suite; the contract tests use their own. */
    static final String PREFIX = "behaviour_";

    /** @return the database to run on */
    abstract TestDatabase database();

    TestDatabase db;
    JdbcPasskeyStore clean;

    @BeforeAll
    void createTables() {
        db = database();
        clean = db.freshSchema(PREFIX);
    }

    // ================================================================== faults at every JDBC call

    /** One SPI call to break: its preconditions are set up on a clean store, then it runs on the faulty one. */
    interface Scenario {
        Call prepare(PasskeyStore clean);
    }

    /** The call under test. */
    interface Call {
        Object run(PasskeyStore store);
    }

    Map<String, Scenario> writes() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        s.put("insertPending with its event, for a new user", c -> {
            PendingCeremony p = registration(user(), at(0));
            return store -> store.insertPending(p, added(p));
        });
        s.put("insertPending with its event, for a user with history", c -> {
            String u = userWithHistory(c);
            PendingCeremony p = registration(u, at(0));
            return store -> store.insertPending(p, added(p));
        });
        s.put("insertPending with its event and a cap, expiring the oldest (issue 13)", c -> {
            String u = userWithHistory(c);
            PendingCeremony old = registration(u, at(0));
            c.insertPending(old, added(old));
            PendingCeremony p = registration(u, at(1));
            return store -> store.insertPending(p, added(p), 1);
        });
        s.put("insertPending of a username-first sign-in with a cap, expiring the oldest (issue 13)", c -> {
            String u = user();
            c.insertPending(pending(Optional.of(u), CeremonyKind.AUTHENTICATION, at(0), Duration.ofMinutes(1)));
            PendingCeremony p = pending(Optional.of(u), CeremonyKind.AUTHENTICATION, at(1), Duration.ofMinutes(1));
            return store -> {
                store.insertPending(p, 1);
                return p;
            };
        });
        s.put("expireOldestPending (issue 13)", c -> {
            String u = user();
            c.insertPending(pending(Optional.of(u), CeremonyKind.AUTHENTICATION, at(0), Duration.ofMinutes(1)));
            c.insertPending(pending(Optional.of(u), CeremonyKind.AUTHENTICATION, at(1), Duration.ofMinutes(1)));
            return store -> store.expireOldestPending(u, CeremonyKind.AUTHENTICATION, 1, at(2));
        });
        s.put("insertPending of a usernameless sign-in", c -> {
            PendingCeremony p = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(0), Duration.ofMinutes(1));
            return store -> {
                store.insertPending(p);
                return p;
            };
        });
        s.put("insertPasskey taking its ceremony and using a code", c -> {
            String u = userWithHistory(c);
            RegistrationCode code = code(u, at(0), Duration.ofHours(1));
            c.insertCode(code, event(u, EventType.CODE_CREATED, code.id(), at(0)));
            PendingCeremony p = registration(u, at(1));
            c.insertPending(p, added(p));
            StoredPasskey k = passkey(p.id(), u, randomBytes(32), at(2));
            CodeUse use = new CodeUse(code.id(), event(u, EventType.CODE_USED, code.id(), at(2)));
            return store -> store.insertPasskey(k, verified(k), Optional.of(p.id()), Optional.of(use));
        });
        s.put("insertPasskey without ceremony or code", c -> {
            StoredPasskey k = passkey(user(), at(0));
            return store -> store.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        });
        s.put("renamePasskey", c -> {
            StoredPasskey k = insertedPasskey(c);
            return store -> store.renamePasskey(k.userId(), k.id(), "renamed",
                    event(k.userId(), EventType.PASSKEY_RENAMED, k.id(), at(9))).orElseThrow();
        });
        s.put("removePasskey", c -> {
            StoredPasskey k = insertedPasskey(c);
            return store -> store.removePasskey(k.userId(), k.id(),
                    event(k.userId(), EventType.PASSKEY_REMOVED, k.id(), at(9))).orElseThrow();
        });
        s.put("recordSignIn taking its ceremony", c -> {
            StoredPasskey k = insertedPasskey(c);
            PendingCeremony p = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(5), Duration.ofMinutes(1));
            c.insertPending(p);
            return store -> store.recordSignIn(new SignInUpdate(k.userId(), k.id(), 7, 8, true, true, false, at(6)),
                    event(k.userId(), EventType.PASSKEY_SIGNED_IN, k.id(), at(6)), Optional.of(p.id())).orElseThrow();
        });
        s.put("insertCode", c -> {
            String u = user();
            RegistrationCode code = code(u, at(0), Duration.ofHours(1));
            return store -> store.insertCode(code, event(u, EventType.CODE_CREATED, code.id(), at(0)));
        });
        s.put("recordFailedCodeAttempt that burns the code", c -> {
            String u = user();
            RegistrationCode code = code(u, at(0), Duration.ofHours(1));
            c.insertCode(code, event(u, EventType.CODE_CREATED, code.id(), at(0)));
            return store -> store.recordFailedCodeAttempt(code.id(), 1,
                    event(u, EventType.CODE_FAILED_ATTEMPT, code.id(), at(1)),
                    event(u, EventType.CODE_BURNT, code.id(), at(1))).orElseThrow();
        });
        s.put("purgeExpired", c -> {
            String u = user();
            PendingCeremony p = registration(u, at(-1000));
            c.insertPending(p, added(p));
            RegistrationCode code = code(u, at(-1000), Duration.ofSeconds(1));
            c.insertCode(code, event(u, EventType.CODE_CREATED, code.id(), at(-1000)));
            return store -> store.purgeExpired(at(0));
        });
        return s;
    }

    Map<String, Scenario> reads() {
        Map<String, Scenario> s = new LinkedHashMap<>();
        s.put("listPasskeys", c -> {
            StoredPasskey k = insertedPasskey(c);
            return store -> store.listPasskeys(k.userId());
        });
        s.put("findPasskeyByCredentialId", c -> {
            StoredPasskey k = insertedPasskey(c);
            return store -> store.findPasskeyByCredentialId(k.credentialId()).orElseThrow();
        });
        s.put("findPendingAndPasskey", c -> {
            StoredPasskey k = insertedPasskey(c);
            PendingCeremony p = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(5), Duration.ofMinutes(1));
            c.insertPending(p);
            return store -> {
                io.github.passkey4j.store.PendingAndPasskey read = store.findPendingAndPasskey(p.id(), k.credentialId());
                return read.pending().orElseThrow().id() + read.passkey().orElseThrow().id();
            };
        });
        s.put("findNewestPending", c -> {
            String u = user();
            PendingCeremony p = registration(u, at(0));
            c.insertPending(p, added(p));
            return store -> store.findNewestPending(u, CeremonyKind.REGISTRATION, at(1)).orElseThrow();
        });
        s.put("listEvents", c -> {
            String u = userWithHistory(c);
            return store -> store.listEvents(u);
        });
        return s;
    }

    @TestFactory
    Stream<DynamicTest> whenAnyJdbcCallOfAWriteFailsThenUnavailableAndTheDatabaseHoldsWhatItHeldBefore() {
        return scenarios(writes(), FaultyDataSource.Mode.INJECT, true);
    }

    @TestFactory
    Stream<DynamicTest> whenAnyJdbcCallOfAReadFailsThenUnavailable() {
        return scenarios(reads(), FaultyDataSource.Mode.INJECT, false);
    }

    @TestFactory
    Stream<DynamicTest> whenTheServerEndsTheSessionBeforeAnyJdbcCallOfAWriteThenUnavailableAndNothingIsHalfWritten() {
        return scenarios(writes(), FaultyDataSource.Mode.KILL, true);
    }

    private Stream<DynamicTest> scenarios(Map<String, Scenario> scenarios, FaultyDataSource.Mode mode, boolean write) {
        return scenarios.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + " on " + db.name(), () -> everyCall(e.getValue(), mode, write)));
    }

    /**
     * Runs the call once without a fault to learn its JDBC calls, then once for every k, dropping the connection
     * at the k-th call: up to and including the point of no return (a write's commit, or, for a write that is one
     * statement run in auto-commit mode, its execution) the call must fail with UNAVAILABLE and leave the database
     * as it was; after it the change is made, whole, and the call succeeds, except that an auto-committed
     * statement whose answer is lost while being read (a fault in a result set or statement call after the
     * execution) fails with UNAVAILABLE, as any write whose answer is lost does (with its change made: one statement is whole). The same store serves every run.
     */
    private void everyCall(Scenario scenario, FaultyDataSource.Mode mode, boolean write) {
        FaultyDataSource faulty = new FaultyDataSource(db, mode);
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(faulty).tablePrefix(PREFIX).database(db.database()).build();

        faulty.failAt(0);
        scenario.prepare(clean).run(store);
        List<String> reference = faulty.calls();
        int commit = reference.lastIndexOf("Connection.commit") + 1;
        boolean autoCommitted = write && commit == 0;
        int executed = 0;
        for (int i = 0; i < reference.size(); i++) {
            if (reference.get(i).startsWith("PreparedStatement.execute")) {
                executed = i + 1;
            }
        }
        // a write is made at its commit (or its one statement); a read has its data at its last call that is not
        // a close (from 1)
        int pointOfNoReturn = write ? (autoCommitted ? executed : commit) : lastNonClose(reference);
        assertThat(pointOfNoReturn).as("calls %s", reference).isPositive();

        int failures = 0;
        for (int k = 1; k <= reference.size(); k++) {
            Call call = scenario.prepare(clean);
            Map<String, List<String>> before = db.contents(PREFIX);
            faulty.failAt(k);
            PasskeyStoreException error = null;
            try {
                call.run(store);
            } catch (PasskeyStoreException ex) {
                error = ex;
            }
            faulty.failAt(0);
            Map<String, List<String>> after = db.contents(PREFIX);
            String at = "fault at call " + k + " (" + reference.get(k - 1) + ") of " + reference;
            if (error != null) {
                failures++;
                assertThat(error.reason()).as(at).isEqualTo(Reason.UNAVAILABLE);
                if (k <= pointOfNoReturn) {
                    assertThat(after).as(at + ": the database changed").isEqualTo(before);
                } else {
                    assertThat(autoCommitted).as(at + ": failed after the commit").isTrue();
                    assertThat(reference.get(k - 1)).as(at + ": failed after the statement, not reading its answer")
                            .matches("(ResultSet|PreparedStatement)\\..*");
                    // one statement: the database makes it whole or not at all
                    assertThat(after).as(at + ": the statement ran, its change is missing").isNotEqualTo(before);
                }
            } else {
                if (write) {
                    assertThat(after).as(at + ": succeeded without its change").isNotEqualTo(before);
                }
                boolean mayStillSucceed = k > pointOfNoReturn || (mode == FaultyDataSource.Mode.KILL && !write);
                assertThat(mayStillSucceed).as(at + ": succeeded although the connection dropped first").isTrue();
            }
        }
        assertThat(failures).as("runs that failed").isGreaterThanOrEqualTo(write ? pointOfNoReturn : 1);
        // and the store works on as if nothing had happened
        faulty.failAt(0);
        scenario.prepare(clean).run(store);
    }

    private static int lastNonClose(List<String> calls) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (!calls.get(i).endsWith(".close")) {
                return i + 1;
            }
        }
        return 0;
    }

    // ================================================================== prefixes, texts, ids

    @Test
    void whenTwoStoresUseTwoPrefixesOnOneDatabaseThenEachSeesOnlyItsOwnData() {
        JdbcPasskeyStore other = db.freshSchema("other_");
        String u = user();
        StoredPasskey mine = passkey(u, at(0));
        StoredPasskey theirs = passkey(newId(), u, mine.credentialId(), at(1));

        clean.insertPasskey(mine, verified(mine), Optional.empty(), Optional.empty());
        other.insertPasskey(theirs, verified(theirs), Optional.empty(), Optional.empty());

        assertThat(clean.listPasskeys(u)).containsExactly(mine);
        assertThat(other.listPasskeys(u)).containsExactly(theirs);
        assertThat(clean.listEvents(u)).singleElement().extracting(Event::sequence).isEqualTo(1L);
        assertThat(other.listEvents(u)).singleElement().extracting(Event::sequence).isEqualTo(1L);
        other.dropSchema();
        assertThat(clean.listPasskeys(u)).containsExactly(mine);
        assertThatThrownBy(() -> other.listPasskeys(u)).isInstanceOfSatisfying(PasskeyStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.FAILURE));
    }

    @Test
    void whenTheSchemaIsCreatedAgainThenNothingChanges() {
        StoredPasskey k = insertedPasskey(clean);
        Map<String, List<String>> before = db.contents(PREFIX);

        clean.createSchema();

        assertThat(db.contents(PREFIX)).isEqualTo(before);
        assertThat(clean.findPasskey(k.id())).contains(k);
    }

    @Test
    void whenTheDatabaseIsNotGivenThenItIsDetected() {
        JdbcPasskeyStore detected = JdbcPasskeyStore.builder(db.newDataSource()).tablePrefix(PREFIX).build();

        assertThat(detected.database()).isEqualTo(db.database());
        assertThat(detected.tablePrefix()).isEqualTo(PREFIX);
    }

    @Test
    void whenIdsDifferOnlyInCaseOrTrailingSpacesThenTheyAreDifferentIds() {
        String base = "Alice-" + newId();
        List<String> users = List.of(base, base.toLowerCase(Locale.ROOT), base + " ", base + "  ");
        for (String u : users) {
            StoredPasskey k = passkey(u + "#", u, randomBytes(32), at(0));
            clean.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        }

        for (String u : users) {
            assertThat(clean.listPasskeys(u)).singleElement().extracting(StoredPasskey::userId).isEqualTo(u);
            assertThat(clean.findPasskey(u + "#")).hasValueSatisfying(k -> assertThat(k.userId()).isEqualTo(u));
            assertThat(clean.listEvents(u)).extracting(Event::sequence).containsExactly(1L);
        }
    }

    @Test
    void whenEveryTextAndIdHoldsQuotesCommentsSemicolonsAndNonBmpCharactersThenAllReadBackUnchanged() {
        String clean0 = "o'brien\"; DROP TABLE x; -- /* \\ \uD83D\uDD11 \u00e9\u4e2d `b` %_ \t";
        String u = clean0 + newId();
        String org = "org " + clean0;
        PendingCeremony p = new PendingCeremony("id " + clean0 + newId(), CeremonyKind.REGISTRATION, Optional.of(u),
                Optional.of(org), "xn--bcher-kva.example", randomBytes(32), "{\"x\":\"" + clean0 + "\"}", at(0),
                at(90), Optional.of("code " + clean0));
        RegistrationCode code = new RegistrationCode("code " + clean0 + newId(), u, org, randomBytes(32), at(0),
                at(3600), 0, CodeState.ACTIVE);
        String maxName = "\uD83D\uDD11".repeat(255);

        Event added = clean.insertPending(p, new NewEvent(u, org, EventType.PASSKEY_ADDED,
                p.id(), at(0)));
        clean.insertCode(code, new NewEvent(u, org, EventType.CODE_CREATED, code.id(), at(0)));
        StoredPasskey k = new StoredPasskey(p.id(), u, org, "xn--bcher-kva.example", randomBytes(64), Bytes.utf8(u),
                randomBytes(300), 0, UUID.randomUUID(), List.of("a,b", "c\\d", "", "hybrid"), true, true, true,
                "packed", false, maxName, PasskeyState.READY, false, at(1), at(1), Optional.empty());
        clean.insertPasskey(k, new NewEvent(u, org, EventType.PASSKEY_VERIFIED, k.id(), at(1)),
                Optional.of(p.id()), Optional.empty());

        assertThat(added.resourceOwner()).isEqualTo(org);
        assertThat(clean.findCode(code.id())).contains(code);
        assertThat(clean.findPasskey(k.id())).contains(k);
        assertThat(clean.listPasskeys(u)).containsExactly(k);
        assertThat(clean.listEvents(u)).extracting(Event::aggregateId).containsExactly(p.id(), code.id(), k.id());
        assertThat(clean.listEvents(u)).extracting(Event::resourceOwner).containsOnly(org);
        PendingCeremony second = new PendingCeremony("2 " + p.id(), CeremonyKind.REGISTRATION, Optional.of(u),
                Optional.of(org), p.rpId(), p.challenge(), p.requestJson(), at(2), at(90), p.codeId());
        clean.insertPending(second, new NewEvent(u, org, EventType.PASSKEY_ADDED, second.id(),
                at(2)));
        assertThat(clean.findPending(second.id())).contains(second);
        assertThat(clean.findNewestPending(u, CeremonyKind.REGISTRATION, at(3))).contains(second);
    }

    @Test
    void whenInstantsHaveMicrosecondsThenTheyAreKeptAndFinerDigitsAreCutNotRounded() {
        Instant micros = Instant.parse("2026-11-28T10:54:19.123456Z");
        Instant nanos = Instant.parse("2026-11-28T10:54:19.999999999Z");
        StoredPasskey base = passkey(user(), micros);
        StoredPasskey k = new StoredPasskey(base.id(), base.userId(), base.resourceOwner(), base.rpId(),
                base.credentialId(), base.userHandle(), base.publicKeyCose(), base.signCount(), base.aaguid(),
                base.transports(), base.backupEligible(), base.backedUp(), base.userVerified(),
                base.attestationFormat(), base.attestationTrusted(), base.name(), base.state(), base.possiblyCloned(),
                micros, nanos, Optional.of(Instant.EPOCH));

        clean.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());

        StoredPasskey read = clean.findPasskey(k.id()).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(micros);
        assertThat(read.changedAt()).isEqualTo(Instant.parse("2026-11-28T10:54:19.999999Z"));
        assertThat(read.lastUsedAt()).contains(Instant.EPOCH);
    }

    @Test
    void whenPurgingIsScheduledThenExpiredCeremoniesAndCodesGoWithoutACall() throws Exception {
        String u = user();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PendingCeremony expired = pending(Optional.of(u), CeremonyKind.AUTHENTICATION, now.minusSeconds(600),
                Duration.ofSeconds(300));
        PendingCeremony live = pending(Optional.of(u), CeremonyKind.AUTHENTICATION, now, Duration.ofHours(1));
        RegistrationCode expiredCode = code(u, now.minusSeconds(600), Duration.ofSeconds(300));
        clean.insertPending(expired);
        clean.insertPending(live);
        clean.insertCode(expiredCode, event(u, EventType.CODE_CREATED, expiredCode.id(), now.minusSeconds(600)));

        JdbcPasskeyStore purging = JdbcPasskeyStore.builder(db.newDataSource()).tablePrefix(PREFIX)
                .database(db.database()).purgeExpiredEvery(Duration.ofSeconds(1)).build();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((clean.findPending(expired.id()).isPresent() || clean.findCode(expiredCode.id()).isPresent())
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            purging.close();
        }

        assertThat(clean.findPending(expired.id())).isEmpty();
        assertThat(clean.findCode(expiredCode.id())).isEmpty();
        assertThat(clean.findPending(live.id())).contains(live);
    }

    // ================================================================== concurrency the contract does not cover

    @Test
    void whenSixtyFourFirstWritesOfOneNewUserRaceThenTheSequencesAreOneToSixtyFour() throws Exception {
        String u = user();
        List<Event> events = Concurrent.run(64, i -> {
            PendingCeremony p = registration(u, at(i));
            return clean.insertPending(p, added(p));
        });

        assertThat(events.stream().map(Event::sequence).sorted().toList())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 64).boxed().toList());
        assertThat(clean.listEvents(u)).hasSize(64);
    }

    // ================================================================== round trips

    @Test
    void whenCountingStatementsThenEveryCallIsOneTransactionOfFewStatements() {
        FaultyDataSource counting = new FaultyDataSource(db, FaultyDataSource.Mode.INJECT);
        JdbcPasskeyStore store = JdbcPasskeyStore.builder(counting).tablePrefix(PREFIX).database(db.database()).build();
        String u = user();
        for (int i = 0; i < 10; i++) {
            StoredPasskey k = passkey(u, at(i));
            clean.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        }
        PendingCeremony p = registration(u, at(20));
        StoredPasskey k = passkey(p.id(), u, randomBytes(32), at(21));

        // statements per call: PostgreSQL chains every write into one, run in auto-commit mode as its own
        // transaction (no commit); H2 and MySQL run the steps, then raise the sequence and insert the events (a
        // begin is 3, a finish that takes its ceremony 4) in a transaction, then commit
        boolean fused = db.database() == Database.POSTGRESQL;
        Map<String, Integer> expected = Map.of("listPasskeys (10 passkeys)", 1, "insertPending (begin)", fused ? 1 : 3,
                "insertPasskey taking the ceremony (finish)", fused ? 1 : 4, "renamePasskey", fused ? 1 : 3);
        Map<String, List<String>> calls = new LinkedHashMap<>();
        counting.failAt(0);
        assertThat(store.listPasskeys(u)).hasSize(10);
        calls.put("listPasskeys (10 passkeys)", counting.calls());
        counting.failAt(0);
        store.insertPending(p, added(p));
        calls.put("insertPending (begin)", counting.calls());
        counting.failAt(0);
        store.insertPasskey(k, verified(k), Optional.of(p.id()), Optional.empty());
        calls.put("insertPasskey taking the ceremony (finish)", counting.calls());
        counting.failAt(0);
        store.renamePasskey(u, k.id(), "n", event(u, EventType.PASSKEY_RENAMED, k.id(), at(30)));
        calls.put("renamePasskey", counting.calls());

        calls.forEach((name, list) -> {
            long statements = list.stream().filter(c -> c.contains(".execute")).count();
            long connections = list.stream().filter(c -> c.equals("DataSource.getConnection")).count();
            long commits = list.stream().filter(c -> c.equals("Connection.commit")).count();
            System.out.printf("%s on %s: %d statement(s), %d connection(s), %d commit(s)%n", name, db.name(),
                    statements, connections, commits);
            assertThat(connections).as(name).isEqualTo(1);
            assertThat(statements).as(name).isEqualTo(expected.get(name).longValue());
            assertThat(commits).as(name).isEqualTo(name.startsWith("list") || fused ? 0L : 1L);
        });
    }

    // ================================================================== helpers

    static String user() {
        return "user-" + newId();
    }

    static NewEvent added(PendingCeremony p) {
        return event(p.userId().orElseThrow(), EventType.PASSKEY_ADDED, p.id(), p.createdAt());
    }

    static String userWithHistory(PasskeyStore store) {
        String u = user();
        StoredPasskey k = passkey(u, at(0));
        store.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        return u;
    }

    static StoredPasskey insertedPasskey(PasskeyStore store) {
        StoredPasskey k = passkey(user(), at(0));
        store.insertPasskey(k, verified(k), Optional.empty(), Optional.empty());
        return k;
    }
}
