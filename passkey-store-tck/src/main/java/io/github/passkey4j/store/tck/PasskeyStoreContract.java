package io.github.passkey4j.store.tck;

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
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.PasskeyStoreException;
import io.github.passkey4j.store.PendingAndPasskey;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.SignInUpdate;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link PasskeyStore} keeps, as a JUnit Jupiter suite. A store's test extends
 * this class and implements {@link #createStore()}; that is all:
 *
 * <pre>{@code
 * class MyStoreContractTest extends PasskeyStoreContract {
 *     @Override
 *     protected PasskeyStore createStore() {
 *         return new MyStore(...);
 *     }
 * }
 * }</pre>
 *
 * <p>The suite covers every SPI method: round trips of every field, uniqueness of credential ids
 * across users, compare-and-set of the signature counter, single-use atomic takes of pending
 * ceremonies and registration codes under {@value #THREADS} concurrent threads, per-user event
 * sequences, expiry and purging, and that a refused call changes nothing. Its groups are nested
 * classes, named in reports after the extending class ("MyStoreContractTest: passkeys").
 *
 * <p>Each test uses its own user ids, so a store may keep data between tests (a database that is
 * emptied once per class, or never, is fine). A store that runs on several nodes overrides
 * {@link #createSecondNode()}.
 */
@DisplayNameGeneration(ContractNames.class)
public abstract class PasskeyStoreContract {

    /** Threads in the concurrency tests. */
    protected static final int THREADS = 64;

    /** For a store's test class to extend. */
    protected PasskeyStoreContract() {
    }

    /** The store under test, fresh from {@link #createStore()} for each test. */
    protected PasskeyStore store;

    /**
     * Makes the store under test; called before each test.
     *
     * @return a store to test; may share a database with earlier ones
     */
    protected abstract PasskeyStore createStore();

    /**
     * A second instance on the same data, as a second node of a cluster would have. The default
     * returns the same instance, which is right for stores that live in one process.
     *
     * @return another store on the same data
     */
    protected PasskeyStore createSecondNode() {
        return store;
    }

    @BeforeEach
    void setUpStore() {
        store = createStore();
    }

    @AfterEach
    void tearDownStore() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /**
     * What a test can see of a user's data: used to assert that a refused call changed nothing.
     *
     * @param passkeys the user's passkeys, as {@link PasskeyStore#listPasskeys(String)} returns them
     * @param events the user's events, as {@link PasskeyStore#listEvents(String)} returns them
     * @param extra the results of further lookups
     */
    protected record Snapshot(List<StoredPasskey> passkeys, List<Event> events, List<Optional<?>> extra) {
    }

    /**
     * Takes a snapshot of a user's data.
     *
     * @param userId the user
     * @param extraLookups further lookups to include
     * @return what the store shows of the user now
     * @throws Exception what a lookup throws
     */
    protected Snapshot snapshot(String userId, Callable<?>... extraLookups) throws Exception {
        List<Optional<?>> extra = new ArrayList<>();
        for (Callable<?> c : extraLookups) {
            extra.add(Optional.ofNullable(c.call()));
        }
        return new Snapshot(store.listPasskeys(userId), store.listEvents(userId), extra);
    }

    private static String user() {
        return "user-" + newId();
    }

    private Event insert(StoredPasskey p) {
        return store.insertPasskey(p, verified(p), Optional.empty(), Optional.empty());
    }

    // ==================================================================== passkeys

    @Nested
    class Passkeys {

        @Test
        void whenInsertedThenEveryFieldReadsBackUnchanged() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));

            Event e = insert(p);

            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.type()).isEqualTo(EventType.PASSKEY_VERIFIED);
            assertThat(store.findPasskey(p.id())).contains(p);
            assertThat(store.findPasskeyByCredentialId(p.credentialId())).contains(p);
            assertThat(store.listPasskeys(userId)).containsExactly(p);
        }

        @Test
        void whenValuesHaveQuotesCommentsSemicolonsAndNonBmpCharactersThenTheyReadBackUnchanged() {
            String userId = "o'brien\"; DROP TABLE passkeys; --\uD83D\uDE00";
            String name = "Robert'); DROP TABLE students;-- \uD83D\uDD11 \u00e9\u4e2d";
            StoredPasskey base = passkey(userId, at(0));
            StoredPasskey p = new StoredPasskey("id'--;\uD83D\uDE00" + newId(), userId, "org'\"--", "xn--bcher-kva.example",
                    base.credentialId(), Bytes.utf8(userId), base.publicKeyCose(), StoredPasskey.MAX_SIGN_COUNT,
                    UUID.randomUUID(), List.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal"), false, false,
                    false, "none", true, name, PasskeyState.READY, true, at(0), at(1), Optional.of(at(2)));

            insert(p);

            assertThat(store.findPasskey(p.id())).contains(p);
            assertThat(store.listPasskeys(userId)).containsExactly(p);
            assertThat(store.listEvents(userId)).singleElement().satisfies(e -> {
                assertThat(e.userId()).isEqualTo(userId);
                assertThat(e.resourceOwner()).isEqualTo("org-" + userId);
                assertThat(e.aggregateId()).isEqualTo(p.id());
            });
        }

        @Test
        void whenBytesHoldEveryByteValueThenTheyReadBackUnchanged() {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            String userId = user();
            StoredPasskey base = passkey(userId, at(0));
            StoredPasskey p = new StoredPasskey(base.id(), userId, base.resourceOwner(), base.rpId(), Bytes.of(all),
                    Bytes.of(new byte[] {0, -1, 0}), Bytes.of(all), 0, new UUID(0, 0), List.of(), false, false, false,
                    "none", false, "x", PasskeyState.READY, false, at(0), at(0), Optional.empty());

            insert(p);

            assertThat(store.findPasskeyByCredentialId(Bytes.of(all))).contains(p);
        }

        @Test
        void whenListingThenOnlyTheUsersReadyPasskeysComeOldestFirst() {
            String userId = user();
            String other = user();
            StoredPasskey newest = passkey(userId, at(30));
            StoredPasskey oldest = passkey(userId, at(10));
            StoredPasskey middle = passkey(userId, at(20));
            StoredPasskey removed = passkey(userId, at(15));
            insert(newest);
            insert(oldest);
            insert(middle);
            insert(removed);
            insert(passkey(other, at(5)));
            store.removePasskey(userId, removed.id(), event(userId, EventType.PASSKEY_REMOVED, removed.id(), at(40)));

            assertThat(store.listPasskeys(userId)).containsExactly(oldest, middle, newest);
            assertThat(store.listPasskeys(user())).isEmpty();
        }

        @Test
        void whenLookingUpUnknownIdsThenEmpty() {
            assertThat(store.findPasskey(newId())).isEmpty();
            assertThat(store.findPasskeyByCredentialId(randomBytes(16))).isEmpty();
        }

        @Test
        void whenCredentialIdIsRegisteredToAnyUserThenDuplicateCredentialAndNothingChanges() throws Exception {
            String alice = user();
            String bob = user();
            StoredPasskey first = passkey(alice, at(0));
            insert(first);
            Snapshot aliceBefore = snapshot(alice);
            Snapshot bobBefore = snapshot(bob);

            for (String userId : List.of(alice, bob)) {
                StoredPasskey again = passkey(newId(), userId, first.credentialId(), at(5));
                assertThatThrownBy(() -> insert(again))
                        .isInstanceOfSatisfying(PasskeyStoreException.class,
                                ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL));
                assertThat(store.findPasskey(again.id())).isEmpty();
            }
            assertThat(snapshot(alice)).isEqualTo(aliceBefore);
            assertThat(snapshot(bob)).isEqualTo(bobBefore);
        }

        @Test
        void whenPasskeyIdIsTakenThenDuplicateIdAndNothingChanges() throws Exception {
            String userId = user();
            StoredPasskey first = passkey(userId, at(0));
            insert(first);
            Snapshot before = snapshot(userId);

            StoredPasskey sameId = passkey(first.id(), userId, randomBytes(16), at(1));
            assertThatThrownBy(() -> insert(sameId))
                    .isInstanceOfSatisfying(PasskeyStoreException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_ID));
            assertThat(snapshot(userId)).isEqualTo(before);
            assertThat(store.findPasskeyByCredentialId(sameId.credentialId())).isEmpty();
        }

        @Test
        void whenRenamedThenNameAndChangedTimeChangeAndAnEventIsAppended() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);

            Optional<Event> e = store.renamePasskey(userId, p.id(), "Work laptop \uD83D\uDCBB",
                    event(userId, EventType.PASSKEY_RENAMED, p.id(), at(60)));

            assertThat(e).hasValueSatisfying(ev -> {
                assertThat(ev.sequence()).isEqualTo(2);
                assertThat(ev.time()).isEqualTo(at(60));
                assertThat(ev.type()).isEqualTo(EventType.PASSKEY_RENAMED);
            });
            assertThat(store.findPasskey(p.id())).contains(p.renamed("Work laptop \uD83D\uDCBB", at(60)));
        }

        @Test
        void whenRenamingAnotherUsersUnknownOrRemovedPasskeyThenEmptyAndNothingChanges() throws Exception {
            String alice = user();
            String bob = user();
            StoredPasskey alices = passkey(alice, at(0));
            StoredPasskey removed = passkey(alice, at(1));
            insert(alices);
            insert(removed);
            store.removePasskey(alice, removed.id(), event(alice, EventType.PASSKEY_REMOVED, removed.id(), at(2)));
            Snapshot aliceBefore = snapshot(alice, () -> store.findPasskey(removed.id()));
            Snapshot bobBefore = snapshot(bob);

            assertThat(store.renamePasskey(bob, alices.id(), "mine", event(bob, EventType.PASSKEY_RENAMED, alices.id(), at(3))))
                    .isEmpty();
            assertThat(store.renamePasskey(alice, newId(), "x", event(alice, EventType.PASSKEY_RENAMED, "1", at(3))))
                    .isEmpty();
            assertThat(store.renamePasskey(alice, removed.id(), "x", event(alice, EventType.PASSKEY_RENAMED, removed.id(), at(3))))
                    .isEmpty();

            assertThat(snapshot(alice, () -> store.findPasskey(removed.id()))).isEqualTo(aliceBefore);
            assertThat(snapshot(bob)).isEqualTo(bobBefore);
        }

        @Test
        void whenRemovedThenNotListedStillFoundAsRemovedAndItsCredentialIdStaysTaken() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);

            Optional<Event> e = store.removePasskey(userId, p.id(), event(userId, EventType.PASSKEY_REMOVED, p.id(), at(9)));

            assertThat(e).hasValueSatisfying(ev -> assertThat(ev.sequence()).isEqualTo(2));
            assertThat(store.listPasskeys(userId)).isEmpty();
            assertThat(store.findPasskey(p.id())).contains(p.removed(at(9)));
            assertThat(store.findPasskeyByCredentialId(p.credentialId())).contains(p.removed(at(9)));
            String other = user();
            StoredPasskey reuse = passkey(newId(), other, p.credentialId(), at(10));
            assertThatThrownBy(() -> insert(reuse)).isInstanceOfSatisfying(PasskeyStoreException.class,
                    ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL));
        }

        @Test
        void whenRemovingTwiceOrAnotherUsersPasskeyThenEmptyAndNothingChanges() throws Exception {
            String alice = user();
            String bob = user();
            StoredPasskey p = passkey(alice, at(0));
            insert(p);
            Snapshot before = snapshot(alice, () -> store.findPasskey(p.id()));

            assertThat(store.removePasskey(bob, p.id(), event(bob, EventType.PASSKEY_REMOVED, p.id(), at(1)))).isEmpty();
            assertThat(snapshot(alice, () -> store.findPasskey(p.id()))).isEqualTo(before);
            assertThat(store.listEvents(bob)).isEmpty();

            assertThat(store.removePasskey(alice, p.id(), event(alice, EventType.PASSKEY_REMOVED, p.id(), at(2)))).isPresent();
            Snapshot removed = snapshot(alice, () -> store.findPasskey(p.id()));
            assertThat(store.removePasskey(alice, p.id(), event(alice, EventType.PASSKEY_REMOVED, p.id(), at(3)))).isEmpty();
            assertThat(snapshot(alice, () -> store.findPasskey(p.id()))).isEqualTo(removed);
        }
    }

    // ==================================================================== sign-in

    @Nested
    class SignIn {

        @Test
        void whenExpectedCountMatchesThenCountBackupStateAndTimesAreUpdated() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            SignInUpdate u = new SignInUpdate(userId, p.id(), 7, 8, true, true, false, at(100));

            Optional<Event> e = store.recordSignIn(u, event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(100)), Optional.empty());

            assertThat(e).hasValueSatisfying(ev -> assertThat(ev.sequence()).isEqualTo(2));
            StoredPasskey after = store.findPasskey(p.id()).orElseThrow();
            assertThat(after).isEqualTo(p.signedIn(u));
            assertThat(after.signCount()).isEqualTo(8);
            assertThat(after.backedUp()).isTrue();
            assertThat(after.lastUsedAt()).contains(at(100));
            assertThat(after.changedAt()).isEqualTo(at(100));
            assertThat(after.possiblyCloned()).isFalse();
        }

        @Test
        void whenFlaggedAsPossiblyClonedThenTheFlagStaysSet() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);

            store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 3, true, false, true, at(1)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(1)), Optional.empty());
            store.recordSignIn(new SignInUpdate(userId, p.id(), 3, 4, true, false, false, at(2)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(2)), Optional.empty());

            StoredPasskey after = store.findPasskey(p.id()).orElseThrow();
            assertThat(after.possiblyCloned()).isTrue();
            assertThat(after.signCount()).isEqualTo(4);
        }

        @Test
        void whenExpectedCountIsStaleOrUserIsWrongOrPasskeyIsRemovedThenEmptyAndNothingChanges() throws Exception {
            String alice = user();
            String bob = user();
            StoredPasskey p = passkey(alice, at(0));
            StoredPasskey gone = passkey(alice, at(1));
            insert(p);
            insert(gone);
            store.removePasskey(alice, gone.id(), event(alice, EventType.PASSKEY_REMOVED, gone.id(), at(2)));
            Snapshot before = snapshot(alice, () -> store.findPasskey(p.id()), () -> store.findPasskey(gone.id()));

            assertThat(store.recordSignIn(new SignInUpdate(alice, p.id(), 6, 9, true, true, false, at(5)),
                    event(alice, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.empty())).isEmpty();
            assertThat(store.recordSignIn(new SignInUpdate(bob, p.id(), 7, 9, true, true, false, at(5)),
                    event(bob, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.empty())).isEmpty();
            assertThat(store.recordSignIn(new SignInUpdate(alice, gone.id(), 7, 9, true, true, false, at(5)),
                    event(alice, EventType.PASSKEY_SIGNED_IN, gone.id(), at(5)), Optional.empty())).isEmpty();
            assertThat(store.recordSignIn(new SignInUpdate(alice, newId(), 7, 9, true, true, false, at(5)),
                    event(alice, EventType.PASSKEY_SIGNED_IN, "x", at(5)), Optional.empty())).isEmpty();

            assertThat(snapshot(alice, () -> store.findPasskey(p.id()), () -> store.findPasskey(gone.id())))
                    .isEqualTo(before);
            assertThat(store.listEvents(bob)).isEmpty();
        }

        @Test
        void whenManyThreadsCompareAndSetFromTheSameCountThenExactlyOneWins() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);

            List<Optional<Event>> results = Concurrent.run(THREADS, i -> store.recordSignIn(
                    new SignInUpdate(userId, p.id(), 7, 8 + i, true, false, false, at(10)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(10)), Optional.empty()));

            List<Integer> winners = IntStream.range(0, THREADS).filter(i -> results.get(i).isPresent()).boxed().toList();
            assertThat(winners).hasSize(1);
            assertThat(store.findPasskey(p.id()).orElseThrow().signCount()).isEqualTo(8L + winners.get(0));
            assertThat(store.listEvents(userId)).hasSize(2);
        }
    }

    @Nested
    class SignInCeremony {

        private PendingCeremony beginSignIn(Optional<String> userId) {
            PendingCeremony c = pending(userId, CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));
            store.insertPending(c);
            return c;
        }

        @Test
        void whenASignInIsRecordedThenItsCeremonyIsTakenAndAReplayIsRefusedWithNothingChanged() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony c = beginSignIn(Optional.empty());

            Optional<Event> e = store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(c.id()));

            assertThat(e).isPresent();
            assertThat(store.findPending(c.id())).isEmpty();
            Snapshot before = snapshot(userId, () -> store.findPasskey(p.id()));
            assertThatThrownBy(() -> store.recordSignIn(new SignInUpdate(userId, p.id(), 8, 9, true, false, false, at(6)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(6)), Optional.of(c.id())))
                    .satisfies(PasskeyStoreContract::assertCeremonyGone);
            assertThat(snapshot(userId, () -> store.findPasskey(p.id()))).isEqualTo(before);
        }

        @Test
        void whenTheCompareAndSetFailsThenTheCeremonyStays() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony c = beginSignIn(Optional.of(userId));

            assertThat(store.recordSignIn(new SignInUpdate(userId, p.id(), 6, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(c.id()))).isEmpty();

            assertThat(store.findPending(c.id())).contains(c);
        }

        @Test
        void whenTheCeremonyIsARegistrationOrExpiredThenRefusedAndNothingChanges() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony registration = begin(userId, at(0));
            PendingCeremony signIn = beginSignIn(Optional.of(userId));
            Snapshot before = snapshot(userId, () -> store.findPasskey(p.id()));

            assertThatThrownBy(() -> store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(registration.id())))
                    .satisfies(PasskeyStoreContract::assertCeremonyGone);
            assertThatThrownBy(() -> store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, signIn.expiresAt()),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), signIn.expiresAt()), Optional.of(signIn.id())))
                    .satisfies(PasskeyStoreContract::assertCeremonyGone);

            assertThat(snapshot(userId, () -> store.findPasskey(p.id()))).isEqualTo(before);
            assertThat(store.findPending(registration.id())).contains(registration);
            assertThat(store.findPending(signIn.id())).contains(signIn);
        }

        @Test
        void whenTheCeremonyAndThePasskeyAreReadTogetherThenEachIsWhatItsOwnLookupGivesAndNothingIsTaken() {
            String userId = user();
            StoredPasskey base = passkey(userId, at(0));
            // every column set, the optional ones too, so that none is read from the other table's alias
            StoredPasskey p = new StoredPasskey(base.id(), base.userId(), base.resourceOwner(), base.rpId(),
                    base.credentialId(), base.userHandle(), base.publicKeyCose(), base.signCount(), base.aaguid(),
                    base.transports(), base.backupEligible(), base.backedUp(), base.userVerified(),
                    base.attestationFormat(), base.attestationTrusted(), base.name(), base.state(), base.possiblyCloned(),
                    base.createdAt(), base.changedAt(), Optional.of(at(1)), new io.github.passkey4j.store.PasskeyExtensions(
                            Optional.of(true), Optional.of(false), Optional.of("Phone \u2713"), Optional.of(randomBytes(32))));
            insert(p);
            PendingCeremony b = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(2), Duration.ofSeconds(60));
            PendingCeremony c = new PendingCeremony(b.id(), b.kind(), b.userId(), b.resourceOwner(), b.rpId(),
                    b.challenge(), b.requestJson(), b.createdAt(), b.expiresAt(), Optional.of("code-" + newId()),
                    Optional.of("https://login.example.com:8443"));
            store.insertPending(c);

            PendingAndPasskey read = store.findPendingAndPasskey(c.id(), p.credentialId());

            assertThat(read.pending()).contains(c);
            assertThat(read.passkey()).contains(p);
            assertThat(read).isEqualTo(new PendingAndPasskey(store.findPending(c.id()),
                    store.findPasskeyByCredentialId(p.credentialId())));
            // a read, not a take: the sign-in can still be recorded with the ceremony, once
            assertThat(store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(c.id()))).isPresent();
            PendingAndPasskey after = store.findPendingAndPasskey(c.id(), p.credentialId());
            assertThat(after.pending()).isEmpty();
            assertThat(after.passkey().orElseThrow().signCount()).isEqualTo(8);
        }

        @Test
        void whenTheCeremonyOrTheCredentialIsUnknownThenThatSideIsEmptyAndTheOtherIsStillRead() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony c = beginSignIn(Optional.empty());
            Bytes unknownCredential = randomBytes(32);

            assertThat(store.findPendingAndPasskey("no-such-ceremony-" + newId(), p.credentialId()))
                    .isEqualTo(new PendingAndPasskey(Optional.empty(), Optional.of(p)));
            assertThat(store.findPendingAndPasskey(c.id(), unknownCredential))
                    .isEqualTo(new PendingAndPasskey(Optional.of(c), Optional.empty()));
            assertThat(store.findPendingAndPasskey("no-such-ceremony-" + newId(), unknownCredential))
                    .isEqualTo(new PendingAndPasskey(Optional.empty(), Optional.empty()));
            assertThatThrownBy(() -> store.findPendingAndPasskey(null, p.credentialId()))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.findPendingAndPasskey(c.id(), null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void whenTheCeremonyIsExpiredOrARegistrationAndThePasskeyRemovedOrAnotherUsersThenBothAreReadAsTheyAre() {
            // the store reads; refusing an expired ceremony, the wrong kind, a removed passkey or another user's is
            // the caller's decision, made on what this read returns
            String userId = user();
            String otherUser = user();
            StoredPasskey others = passkey(otherUser, at(0));
            insert(others);
            StoredPasskey removed = passkey(userId, at(0));
            insert(removed);
            store.removePasskey(userId, removed.id(), event(userId, EventType.PASSKEY_REMOVED, removed.id(), at(1)));
            PendingCeremony registration = begin(userId, at(0));
            // read after its time is over: whether it has expired is decided on the caller's clock
            PendingCeremony expired = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(0),
                    Duration.ofSeconds(60));
            store.insertPending(expired);

            PendingAndPasskey first = store.findPendingAndPasskey(expired.id(), others.credentialId());
            assertThat(first.pending()).contains(expired);
            assertThat(first.pending().orElseThrow().isExpiredAt(at(120))).isTrue();
            assertThat(first.passkey()).contains(others);
            assertThat(first.passkey().orElseThrow().userId()).isEqualTo(otherUser);

            PendingAndPasskey second = store.findPendingAndPasskey(registration.id(), removed.credentialId());
            assertThat(second.pending()).contains(registration);
            assertThat(second.passkey()).isEqualTo(store.findPasskeyByCredentialId(removed.credentialId()));
            assertThat(second.passkey().orElseThrow().state()).isEqualTo(PasskeyState.REMOVED);
        }

        @Test
        void whenManyThreadsReadAndFinishOneSignInThenExactlyOneIsRecordedAndEveryOtherFindsItGoneOrLoses() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony c = beginSignIn(Optional.of(userId));

            List<Boolean> results = Concurrent.run(THREADS, i -> {
                PendingAndPasskey read = store.findPendingAndPasskey(c.id(), p.credentialId());
                if (read.pending().isEmpty()) {
                    return false; // the ceremony was taken by a finish that came first
                }
                StoredPasskey seen = read.passkey().orElseThrow();
                try {
                    return store.recordSignIn(new SignInUpdate(userId, p.id(), seen.signCount(), seen.signCount() + 1,
                            true, false, false, at(5)), event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)),
                            Optional.of(c.id())).isPresent();
                } catch (PasskeyStoreException e) {
                    assertCeremonyGone(e);
                    return false;
                }
            });

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(store.listEvents(userId)).hasSize(2);
            assertThat(store.findPendingAndPasskey(c.id(), p.credentialId()))
                    .isEqualTo(new PendingAndPasskey(Optional.empty(), store.findPasskey(p.id())));
            assertThat(store.findPasskey(p.id()).orElseThrow().signCount()).isEqualTo(8);
        }

        @Test
        void whenManyThreadsFinishOneSignInThenExactlyOneIsRecorded() throws Exception {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            PendingCeremony c = beginSignIn(Optional.empty());

            List<Boolean> results = Concurrent.run(THREADS, i -> {
                try {
                    return store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8 + i % 2, true, false, false, at(5)),
                            event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(c.id())).isPresent();
                } catch (PasskeyStoreException e) {
                    assertCeremonyGone(e);
                    return false;
                }
            });

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(store.listEvents(userId)).hasSize(2);
            assertThat(store.findPending(c.id())).isEmpty();
        }
    }

    // ==================================================================== events

    @Nested
    class Events {

        @Test
        void whenUsersChangeThenEachHasItsOwnGapFreeSequence() {
            String alice = user();
            String bob = user();
            insert(passkey(alice, at(0)));
            insert(passkey(bob, at(1)));
            StoredPasskey p = passkey(alice, at(2));
            insert(p);
            store.renamePasskey(alice, p.id(), "n", event(alice, EventType.PASSKEY_RENAMED, p.id(), at(3)));
            store.insertPending(registration(alice, at(4)), event(alice, EventType.PASSKEY_ADDED, newId(), at(4)));

            assertThat(store.listEvents(alice)).extracting(Event::sequence).containsExactly(1L, 2L, 3L, 4L);
            assertThat(store.listEvents(alice)).extracting(Event::type).containsExactly(EventType.PASSKEY_VERIFIED,
                    EventType.PASSKEY_VERIFIED, EventType.PASSKEY_RENAMED, EventType.PASSKEY_ADDED);
            assertThat(store.listEvents(bob)).extracting(Event::sequence).containsExactly(1L);
            assertThat(store.listEvents(user())).isEmpty();
        }

        @Test
        void whenManyThreadsRenameOneUsersPasskeysThenSequencesAreDistinctAndGapFree() throws Exception {
            String userId = user();
            List<StoredPasskey> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                StoredPasskey p = passkey(userId, at(i));
                insert(p);
                keys.add(p);
            }

            List<Optional<Event>> results = Concurrent.run(THREADS, i -> {
                StoredPasskey p = keys.get(i % keys.size());
                return store.renamePasskey(userId, p.id(), "name " + i,
                        event(userId, EventType.PASSKEY_RENAMED, p.id(), at(100 + i)));
            });

            List<Long> sequences = results.stream().map(r -> r.orElseThrow().sequence()).sorted().toList();
            assertThat(sequences).containsExactlyElementsOf(
                    LongStream.rangeClosed(9, 8 + THREADS).boxed().toList());
            assertThat(store.listEvents(userId)).extracting(Event::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 8 + THREADS).boxed().toList());
        }
    }

    // ==================================================================== pending ceremonies

    /** Verifies a passkey from the pending registration {@code ceremony}: the way the core finishes. */
    private Event verify(PasskeyStore on, PendingCeremony ceremony, Instant at) {
        StoredPasskey p = passkey(ceremony.id(), ceremony.userId().orElseThrow(), randomBytes(32), at);
        return on.insertPasskey(p, verified(p), Optional.of(ceremony.id()), Optional.empty());
    }

    private static void assertCeremonyGone(Throwable t) {
        assertThat(t).isInstanceOfSatisfying(PasskeyStoreException.class,
                ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.CEREMONY_GONE));
    }

    private PendingCeremony begin(String userId, Instant at) {
        PendingCeremony p = registration(userId, at);
        store.insertPending(p, event(userId, EventType.PASSKEY_ADDED, p.id(), at));
        return p;
    }

    @Nested
    class Pending {

        @Test
        void whenRegistrationIsBegunThenItsEventIsAppendedAndItReadsBackUnchanged() {
            String userId = user();
            PendingCeremony p = registration(userId, at(0));

            Event e = store.insertPending(p, event(userId, EventType.PASSKEY_ADDED, p.id(), at(0)));

            assertThat(e.sequence()).isEqualTo(1);
            assertThat(e.type()).isEqualTo(EventType.PASSKEY_ADDED);
            assertThat(store.findPending(p.id())).contains(p);
        }

        @Test
        void whenVerifiedThenTheCeremonyIsTakenInTheSameTransactionAndASecondVerifyIsRefused() throws Exception {
            String userId = user();
            PendingCeremony p = begin(userId, at(0));

            Event e = verify(store, p, at(1));

            assertThat(e.sequence()).isEqualTo(2);
            assertThat(store.findPending(p.id())).isEmpty();
            assertThat(store.findPasskey(p.id())).isPresent();
            Snapshot before = snapshot(userId);
            assertThatThrownBy(() -> verify(store, p, at(2))).satisfies(PasskeyStoreContract::assertCeremonyGone);
            assertThat(snapshot(userId)).isEqualTo(before);
        }

        @Test
        void whenUsernamelessSignInIsInsertedThenItRecordsNoEventAndReadsBackUnchanged() {
            PendingCeremony p = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));

            store.insertPending(p);

            assertThat(store.findPending(p.id())).contains(p);
        }

        @Test
        void whenCeremonyHasACodeThenTheCodeIdReadsBack() {
            String userId = user();
            PendingCeremony base = registration(userId, at(0));
            PendingCeremony p = new PendingCeremony(base.id(), base.kind(), base.userId(), base.resourceOwner(),
                    base.rpId(), base.challenge(), base.requestJson(), base.createdAt(), base.expiresAt(),
                    Optional.of("code-" + newId()));

            store.insertPending(p, event(userId, EventType.PASSKEY_ADDED, p.id(), at(0)));

            assertThat(store.findPending(p.id())).contains(p);
        }

        @Test
        void whenAPasskeyHasExtensionResultsThenTheyReadBackAndSurviveARename() {
            String userId = user();
            StoredPasskey base = passkey(userId, at(1));
            StoredPasskey withExtensions = new StoredPasskey(base.id(), base.userId(), base.resourceOwner(), base.rpId(),
                    base.credentialId(), base.userHandle(), base.publicKeyCose(), base.signCount(), base.aaguid(),
                    base.transports(), base.backupEligible(), base.backedUp(), base.userVerified(),
                    base.attestationFormat(), base.attestationTrusted(), base.name(), base.state(), base.possiblyCloned(),
                    base.createdAt(), base.changedAt(), base.lastUsedAt(), new io.github.passkey4j.store.PasskeyExtensions(
                            Optional.of(false), Optional.of(true), Optional.of("iCloud Keychain \u2713"),
                            Optional.of(Bytes.of(new byte[] {0, 1, 2, (byte) 0xff, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, (byte) 0x80}))));
            store.insertPasskey(withExtensions, verified(withExtensions), Optional.empty(), Optional.empty());
            assertThat(store.findPasskey(base.id())).contains(withExtensions);

            store.renamePasskey(userId, base.id(), "Phone", event(userId, EventType.PASSKEY_RENAMED, base.id(), at(2)));
            assertThat(store.findPasskey(base.id()).orElseThrow().extensions()).isEqualTo(withExtensions.extensions());

            StoredPasskey none = passkey(userId, at(3));
            store.insertPasskey(none, verified(none), Optional.empty(), Optional.empty());
            assertThat(store.findPasskey(none.id()).orElseThrow().extensions())
                    .isEqualTo(io.github.passkey4j.store.PasskeyExtensions.NONE);
        }

        @Test
        void whenCeremonyHasAnOriginThenItReadsBackAndWithoutOneItStaysEmpty() {
            String userId = user();
            PendingCeremony base = registration(userId, at(0));
            String origin = "https://login.example.com:8443";
            PendingCeremony withOrigin = new PendingCeremony(base.id(), base.kind(), base.userId(), base.resourceOwner(),
                    base.rpId(), base.challenge(), base.requestJson(), base.createdAt(), base.expiresAt(),
                    Optional.empty(), Optional.of(origin));
            store.insertPending(withOrigin, event(userId, EventType.PASSKEY_ADDED, withOrigin.id(), at(0)));
            assertThat(store.findPending(withOrigin.id())).contains(withOrigin);
            assertThat(store.findPending(withOrigin.id()).orElseThrow().origin()).contains(origin);

            PendingCeremony signIn = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(0), java.time.Duration.ofMinutes(1));
            store.insertPending(signIn);
            assertThat(store.findPending(signIn.id()).orElseThrow().origin()).isEmpty();
        }

        @Test
        void whenTheCeremonyIsASignInThenVerifyingARegistrationWithItIsRefusedAndItStays() throws Exception {
            String userId = user();
            PendingCeremony signIn = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));
            store.insertPending(signIn);
            Snapshot before = snapshot(userId);

            assertThatThrownBy(() -> verify(store, signIn, at(1))).satisfies(PasskeyStoreContract::assertCeremonyGone);

            assertThat(snapshot(userId)).isEqualTo(before);
            assertThat(store.findPending(signIn.id())).contains(signIn);
        }

        @Test
        void whenExpiredThenVerifyIsRefusedButTheCeremonyIsFoundUntilPurged() throws Exception {
            String userId = user();
            PendingCeremony p = begin(userId, at(0));
            Snapshot before = snapshot(userId);

            assertThatThrownBy(() -> verify(store, p, p.expiresAt())).satisfies(PasskeyStoreContract::assertCeremonyGone);

            assertThat(snapshot(userId)).isEqualTo(before);
            assertThat(store.findPending(p.id())).contains(p);
            assertThat(store.purgeExpired(p.expiresAt())).isGreaterThanOrEqualTo(1);
            assertThat(store.findPending(p.id())).isEmpty();
        }

        @Test
        void whenTheCredentialIsADuplicateThenTheCeremonyStays() throws Exception {
            String userId = user();
            StoredPasskey existing = passkey(userId, at(0));
            insert(existing);
            PendingCeremony p = begin(userId, at(1));
            Snapshot before = snapshot(userId, () -> store.findPending(p.id()));

            StoredPasskey dup = passkey(p.id(), userId, existing.credentialId(), at(2));
            assertThatThrownBy(() -> store.insertPasskey(dup, verified(dup), Optional.of(p.id()), Optional.empty()))
                    .isInstanceOfSatisfying(PasskeyStoreException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL));

            assertThat(snapshot(userId, () -> store.findPending(p.id()))).isEqualTo(before);
        }

        @Test
        void whenPurgingThenOnlyExpiredCeremoniesAndCodesGo() {
            String userId = user();
            PendingCeremony old = registration(userId, at(0));
            PendingCeremony fresh = registration(userId, at(50));
            RegistrationCode oldCode = code(userId, at(0), Duration.ofSeconds(50));
            RegistrationCode freshCode = code(userId, at(0), Duration.ofHours(1));
            store.insertPending(old, event(userId, EventType.PASSKEY_ADDED, old.id(), at(0)));
            store.insertPending(fresh, event(userId, EventType.PASSKEY_ADDED, fresh.id(), at(50)));
            store.insertCode(oldCode, event(userId, EventType.CODE_CREATED, oldCode.id(), at(0)));
            store.insertCode(freshCode, event(userId, EventType.CODE_CREATED, freshCode.id(), at(0)));
            List<Event> events = store.listEvents(userId);

            int purged = store.purgeExpired(at(100));

            assertThat(purged).isGreaterThanOrEqualTo(2);
            assertThat(store.findPending(old.id())).isEmpty();
            assertThat(store.findPending(fresh.id())).contains(fresh);
            assertThat(store.findCode(oldCode.id())).isEmpty();
            assertThat(store.findCode(freshCode.id())).contains(freshCode);
            assertThat(store.listEvents(userId)).isEqualTo(events);
        }

        @Test
        void whenFindingNewestThenTheLatestUnexpiredOfTheUserAndKindComes() {
            String userId = user();
            PendingCeremony first = begin(userId, at(0));
            PendingCeremony second = begin(userId, at(10));
            begin(user(), at(20));
            PendingCeremony signIn = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(30), Duration.ofSeconds(60));
            store.insertPending(signIn);

            assertThat(store.findNewestPending(userId, CeremonyKind.REGISTRATION, at(40))).contains(second);
            assertThat(store.findNewestPending(userId, CeremonyKind.AUTHENTICATION, at(40))).contains(signIn);
            verify(store, second, at(41));
            assertThat(store.findNewestPending(userId, CeremonyKind.REGISTRATION, at(41))).contains(first);
            assertThat(store.findNewestPending(userId, CeremonyKind.REGISTRATION, first.expiresAt())).isEmpty();
            assertThat(store.findNewestPending(user(), CeremonyKind.REGISTRATION, at(41))).isEmpty();
        }

        @Test
        void whenIdIsTakenThenDuplicateIdAndNothingChanges() throws Exception {
            String userId = user();
            PendingCeremony p = begin(userId, at(0));
            Snapshot before = snapshot(userId, () -> store.findPending(p.id()));
            PendingCeremony same = new PendingCeremony(p.id(), p.kind(), p.userId(), p.resourceOwner(), p.rpId(),
                    randomBytes(32), "{}", at(5), at(100), Optional.empty());

            assertThatThrownBy(() -> store.insertPending(same, event(userId, EventType.PASSKEY_ADDED, p.id(), at(5))))
                    .isInstanceOfSatisfying(PasskeyStoreException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_ID));
            assertThat(snapshot(userId, () -> store.findPending(p.id()))).isEqualTo(before);
        }

        @Test
        void whenManyThreadsVerifyOnePendingRegistrationThenExactlyOneWins() throws Exception {
            String userId = user();
            PendingCeremony p = begin(userId, at(0));

            List<Boolean> results = Concurrent.run(THREADS, i -> succeeds(() -> verify(store, p, at(1))));

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(store.listPasskeys(userId)).hasSize(1);
            assertThat(store.listEvents(userId)).extracting(Event::sequence).containsExactly(1L, 2L);
        }

        @Test
        void whenBegunOnOneNodeThenVerifiedOnTwoNodesAtOnceExactlyOneWins() throws Exception {
            PasskeyStore nodeB = createSecondNode();
            String userId = user();
            PendingCeremony p = begin(userId, at(0));
            assertThat(nodeB.findPending(p.id())).contains(p);

            List<Boolean> results = Concurrent.run(THREADS,
                    i -> succeeds(() -> verify(i % 2 == 0 ? store : nodeB, p, at(1))));

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(nodeB.listPasskeys(userId)).hasSize(1);
            assertThat(store.listPasskeys(userId)).isEqualTo(nodeB.listPasskeys(userId));
        }
    }

    /** Runs a write that either succeeds or fails because its ceremony was taken by another. */
    private static boolean succeeds(Callable<?> write) throws Exception {
        try {
            write.call();
            return true;
        } catch (PasskeyStoreException e) {
            assertCeremonyGone(e);
            return false;
        }
    }

    // ==================================================================== registration codes

    @Nested
    class Codes {

        @Test
        void whenInsertedThenReadsBackWithItsEvent() {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));

            Event e = store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));

            assertThat(e.sequence()).isEqualTo(1);
            assertThat(store.findCode(c.id())).contains(c);
            assertThat(store.findCode(newId())).isEmpty();
        }

        @Test
        void whenWrongTriesReachTheLimitThenTheCodeIsBurntWithBothEvents() {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));
            store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));

            for (int i = 1; i <= 3; i++) {
                Optional<RegistrationCode> after = store.recordFailedCodeAttempt(c.id(), 3,
                        event(userId, EventType.CODE_FAILED_ATTEMPT, c.id(), at(i)),
                        event(userId, EventType.CODE_BURNT, c.id(), at(i)));
                int attempts = i;
                assertThat(after).hasValueSatisfying(a -> {
                    assertThat(a.failedAttempts()).isEqualTo(attempts);
                    assertThat(a.state()).isEqualTo(attempts < 3 ? CodeState.ACTIVE : CodeState.BURNT);
                });
            }
            assertThat(store.recordFailedCodeAttempt(c.id(), 3,
                    event(userId, EventType.CODE_FAILED_ATTEMPT, c.id(), at(9)),
                    event(userId, EventType.CODE_BURNT, c.id(), at(9)))).isEmpty();
            assertThat(store.listEvents(userId)).extracting(Event::type).containsExactly(EventType.CODE_CREATED,
                    EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT,
                    EventType.CODE_BURNT);
            assertThat(store.findCode(c.id()).orElseThrow().state()).isEqualTo(CodeState.BURNT);
        }

        @Test
        void whenAPasskeyIsInsertedWithACodeThenTheCodeIsUsedUpInTheSameTransaction() {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));
            store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));
            StoredPasskey p = passkey(userId, at(10));

            Event e = store.insertPasskey(p, verified(p), Optional.empty(),
                    Optional.of(new CodeUse(c.id(), event(userId, EventType.CODE_USED, c.id(), at(10)))));

            assertThat(e.sequence()).isEqualTo(3);
            assertThat(store.findCode(c.id()).orElseThrow().state()).isEqualTo(CodeState.USED);
            assertThat(store.listEvents(userId)).extracting(Event::type)
                    .containsExactly(EventType.CODE_CREATED, EventType.CODE_USED, EventType.PASSKEY_VERIFIED);
            assertThat(store.listPasskeys(userId)).containsExactly(p);
        }

        @Test
        void whenTheCodeIsUsedExpiredBurntUnknownOrAnotherUsersThenCodeNotUsableAndNothingChanges() throws Exception {
            String userId = user();
            String other = user();
            RegistrationCode used = code(userId, at(0), Duration.ofHours(1));
            RegistrationCode expired = code(userId, at(0), Duration.ofSeconds(5));
            RegistrationCode burnt = code(userId, at(0), Duration.ofHours(1));
            RegistrationCode others = code(other, at(0), Duration.ofHours(1));
            for (RegistrationCode c : List.of(used, expired, burnt)) {
                store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));
            }
            store.insertCode(others, event(other, EventType.CODE_CREATED, others.id(), at(0)));
            StoredPasskey first = passkey(userId, at(1));
            store.insertPasskey(first, verified(first), Optional.empty(),
                    Optional.of(new CodeUse(used.id(), event(userId, EventType.CODE_USED, used.id(), at(1)))));
            store.recordFailedCodeAttempt(burnt.id(), 1, event(userId, EventType.CODE_FAILED_ATTEMPT, burnt.id(), at(2)),
                    event(userId, EventType.CODE_BURNT, burnt.id(), at(2)));

            for (String codeId : List.of(used.id(), expired.id(), burnt.id(), others.id(), newId())) {
                Snapshot before = snapshot(userId, () -> store.findCode(codeId));
                StoredPasskey p = passkey(userId, at(10));
                assertThatThrownBy(() -> store.insertPasskey(p, verified(p), Optional.empty(),
                        Optional.of(new CodeUse(codeId, event(userId, EventType.CODE_USED, codeId, at(10))))))
                        .as("code %s", codeId)
                        .isInstanceOfSatisfying(PasskeyStoreException.class,
                                ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.CODE_NOT_USABLE));
                assertThat(snapshot(userId, () -> store.findCode(codeId))).isEqualTo(before);
                assertThat(store.findPasskeyByCredentialId(p.credentialId())).isEmpty();
            }
            assertThat(store.findCode(others.id())).contains(others);
        }

        @Test
        void whenTheCredentialIsADuplicateThenTheCodeStaysUnused() throws Exception {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));
            store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));
            StoredPasskey first = passkey(userId, at(1));
            insert(first);
            Snapshot before = snapshot(userId, () -> store.findCode(c.id()));

            StoredPasskey dup = passkey(newId(), userId, first.credentialId(), at(2));
            assertThatThrownBy(() -> store.insertPasskey(dup, verified(dup), Optional.empty(),
                    Optional.of(new CodeUse(c.id(), event(userId, EventType.CODE_USED, c.id(), at(2))))))
                    .isInstanceOfSatisfying(PasskeyStoreException.class,
                            ex -> assertThat(ex.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL));
            assertThat(snapshot(userId, () -> store.findCode(c.id()))).isEqualTo(before);
        }

        @Test
        void whenManyThreadsUseOneCodeThenExactlyOnePasskeyResults() throws Exception {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));
            store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));

            List<Boolean> results = Concurrent.run(32, i -> {
                StoredPasskey p = passkey(userId, at(10));
                try {
                    store.insertPasskey(p, verified(p), Optional.empty(),
                            Optional.of(new CodeUse(c.id(), event(userId, EventType.CODE_USED, c.id(), at(10)))));
                    return true;
                } catch (PasskeyStoreException e) {
                    assertThat(e.reason()).isEqualTo(PasskeyStoreException.Reason.CODE_NOT_USABLE);
                    return false;
                }
            });

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(store.listPasskeys(userId)).hasSize(1);
            assertThat(store.listEvents(userId)).extracting(Event::sequence).containsExactly(1L, 2L, 3L);
        }

        @Test
        void whenManyThreadsTryWrongCodesThenAttemptsAreCountedExactlyAndBurnHappensOnce() throws Exception {
            String userId = user();
            RegistrationCode c = code(userId, at(0), Duration.ofHours(1));
            store.insertCode(c, event(userId, EventType.CODE_CREATED, c.id(), at(0)));

            List<Optional<RegistrationCode>> results = Concurrent.run(THREADS, i -> store.recordFailedCodeAttempt(c.id(), 3,
                    event(userId, EventType.CODE_FAILED_ATTEMPT, c.id(), at(1)),
                    event(userId, EventType.CODE_BURNT, c.id(), at(1))));

            assertThat(results.stream().filter(Optional::isPresent).count()).isEqualTo(3);
            assertThat(store.findCode(c.id()).orElseThrow().state()).isEqualTo(CodeState.BURNT);
            assertThat(store.listEvents(userId)).extracting(Event::type).containsExactly(EventType.CODE_CREATED,
                    EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT, EventType.CODE_FAILED_ATTEMPT,
                    EventType.CODE_BURNT);
        }
    }

    // ==================================================================== concurrency across users

    @Nested
    class Uniqueness {

        @Test
        void whenManyUsersRegisterTheSameCredentialIdAtOnceThenExactlyOneSucceeds() throws Exception {
            Bytes credentialId = randomBytes(32);
            List<String> users = IntStream.range(0, THREADS).mapToObj(i -> user()).toList();

            List<Boolean> results = Concurrent.run(THREADS, i -> {
                StoredPasskey p = passkey(newId(), users.get(i), credentialId, at(0));
                try {
                    insert(p);
                    return true;
                } catch (PasskeyStoreException e) {
                    assertThat(e.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL);
                    return false;
                }
            });

            assertThat(results.stream().filter(b -> b).count()).isEqualTo(1);
            String owner = store.findPasskeyByCredentialId(credentialId).orElseThrow().userId();
            Set<String> withEvents = users.stream().filter(u -> !store.listEvents(u).isEmpty()).collect(Collectors.toSet());
            assertThat(withEvents).containsExactly(owner);
        }
    }

    // ==================================================================== per-user bounds
    //
    // The store's half of the library's per-user bounds: BE recorded on every sign-in, and
    // expireOldestPending, which keeps a user's open ceremonies of one kind at a cap (the oldest expire
    // first).

    @Nested
    class PerUserBounds {

        @Test
        void whenASignInCarriesAnotherBackupEligibilityThenItIsRecordedWithTheBackupState() {
            String userId = user();
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            assertThat(p.backupEligible()).isTrue();

            store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, false, false, false, at(1)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(1)), Optional.empty());
            StoredPasskey afterFirst = store.findPasskey(p.id()).orElseThrow();
            store.recordSignIn(new SignInUpdate(userId, p.id(), 8, 9, true, true, false, at(2)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(2)), Optional.empty());
            StoredPasskey afterSecond = store.findPasskey(p.id()).orElseThrow();

            assertThat(afterFirst.backupEligible()).isFalse();
            assertThat(afterFirst.backedUp()).isFalse();
            assertThat(afterSecond.backupEligible()).isTrue();
            assertThat(afterSecond.backedUp()).isTrue();
        }

        @Test
        void whenMoreCeremoniesThanKeptAreOpenThenTheOldestExpireAndTheNewestStayTakeable() {
            String userId = user();
            List<PendingCeremony> begun = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                PendingCeremony p = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(i), Duration.ofSeconds(60));
                // begun for one origin of the relying party: expiring it keeps every other field
                PendingCeremony c = new PendingCeremony(p.id(), p.kind(), p.userId(), p.resourceOwner(), p.rpId(),
                        p.challenge(), p.requestJson(), p.createdAt(), p.expiresAt(), p.codeId(),
                        Optional.of("https://app.example.com"));
                store.insertPending(c);
                begun.add(c);
            }

            int expired = store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, 3, at(5));

            assertThat(expired).isEqualTo(2);
            for (PendingCeremony old : begun.subList(0, 2)) {
                PendingCeremony read = store.findPending(old.id()).orElseThrow();
                assertThat(read.isExpiredAt(at(5))).isTrue();
                assertThat(read).isEqualTo(new PendingCeremony(old.id(), old.kind(), old.userId(), old.resourceOwner(),
                        old.rpId(), old.challenge(), old.requestJson(), old.createdAt(), at(5), old.codeId(),
                        old.origin()));
            }
            for (PendingCeremony kept : begun.subList(2, 5)) {
                assertThat(store.findPending(kept.id())).contains(kept);
            }
            StoredPasskey p = passkey(userId, at(0));
            insert(p);
            assertThatThrownBy(() -> store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(begun.get(0).id())))
                    .satisfies(PasskeyStoreContract::assertCeremonyGone);
            assertThat(store.recordSignIn(new SignInUpdate(userId, p.id(), 7, 8, true, false, false, at(5)),
                    event(userId, EventType.PASSKEY_SIGNED_IN, p.id(), at(5)), Optional.of(begun.get(2).id()))).isPresent();
            assertThat(store.purgeExpired(at(5))).isGreaterThanOrEqualTo(2);
            assertThat(store.findPending(begun.get(0).id())).isEmpty();
            assertThat(store.findPending(begun.get(1).id())).isEmpty();
        }

        @Test
        void whenExpiringTheOldestThenOtherKindsOtherUsersUsernamelessAndExpiredCeremoniesAreUntouched() {
            String userId = user();
            String other = user();
            PendingCeremony stale = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(1));
            PendingCeremony registration = registration(userId, at(0));
            PendingCeremony othersSignIn = pending(Optional.of(other), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));
            PendingCeremony usernameless = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));
            PendingCeremony first = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(2), Duration.ofSeconds(60));
            PendingCeremony second = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(3), Duration.ofSeconds(60));
            store.insertPending(stale);
            store.insertPending(registration, event(userId, EventType.PASSKEY_ADDED, registration.id(), at(0)));
            store.insertPending(othersSignIn);
            store.insertPending(usernameless);
            store.insertPending(first);
            store.insertPending(second);

            assertThat(store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, 2, at(4))).isZero();
            assertThat(store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, 1, at(4))).isEqualTo(1);

            assertThat(store.findPending(first.id()).orElseThrow().isExpiredAt(at(4))).isTrue();
            assertThat(store.findPending(second.id())).contains(second);
            // an expired ceremony is not counted; a store may have dropped it already
            store.findPending(stale.id()).ifPresent(p -> assertThat(p).isEqualTo(stale));
            assertThat(store.findPending(registration.id())).contains(registration);
            assertThat(store.findPending(othersSignIn.id())).contains(othersSignIn);
            assertThat(store.findPending(usernameless.id())).contains(usernameless);
            assertThat(store.findNewestPending(userId, CeremonyKind.AUTHENTICATION, at(4))).contains(second);
        }

        @Test
        void whenSignInsAreInsertedWithAKeepThenTheOldestExpireAndUsernamelessOnesAreNotCounted() {
            String userId = user();
            List<PendingCeremony> begun = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                PendingCeremony c = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(i), Duration.ofSeconds(60));
                store.insertPending(c, 2);
                begun.add(c);
                store.insertPending(pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(i), Duration.ofSeconds(60)), 1);
            }
            PendingCeremony usernameless = pending(Optional.empty(), CeremonyKind.AUTHENTICATION, at(4), Duration.ofSeconds(60));
            store.insertPending(usernameless, 1);

            assertThat(store.findPending(begun.get(0).id()).orElseThrow().expiresAt()).isEqualTo(at(2));
            assertThat(store.findPending(begun.get(1).id()).orElseThrow().expiresAt()).isEqualTo(at(3));
            assertThat(store.findPending(begun.get(2).id())).contains(begun.get(2));
            assertThat(store.findPending(begun.get(3).id())).contains(begun.get(3));
            assertThat(store.findPending(usernameless.id())).contains(usernameless);
            assertThat(store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, 2, at(4))).isZero();
        }

        @Test
        void whenRegistrationsAreInsertedWithAKeepThenTheOldestExpireAndEveryEventIsAppended() throws Exception {
            String userId = user();
            List<PendingCeremony> begun = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                PendingCeremony c = registration(userId, at(i));
                sequences.add(store.insertPending(c, event(userId, EventType.PASSKEY_ADDED, c.id(), at(i)), 2).sequence());
                begun.add(c);
            }
            PendingCeremony signIn = pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(0), Duration.ofSeconds(60));
            store.insertPending(signIn);

            assertThat(sequences).containsExactly(1L, 2L, 3L);
            assertThat(store.findPending(begun.get(0).id()).orElseThrow().isExpiredAt(at(2))).isTrue();
            assertThat(store.findPending(begun.get(1).id())).contains(begun.get(1));
            assertThat(store.findPending(begun.get(2).id())).contains(begun.get(2));
            assertThat(store.findPending(signIn.id())).contains(signIn);
            assertThat(store.listEvents(userId)).hasSize(3);
            Snapshot before = snapshot(userId);
            assertThatThrownBy(() -> store.insertPending(begun.get(2), event(userId, EventType.PASSKEY_ADDED, newId(), at(3)), 1))
                    .isInstanceOfSatisfying(PasskeyStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(PasskeyStoreException.Reason.DUPLICATE_ID));
            assertThat(snapshot(userId)).isEqualTo(before);
            assertThat(store.findPending(begun.get(1).id())).contains(begun.get(1));
        }

        @Test
        void whenACeremonyIsMadeToExpireAtItsOwnCreationTimeThenItStillReadsBack() {
            String userId = user();
            PendingCeremony older = registration(userId, at(7));
            PendingCeremony newer = registration(userId, at(7));
            store.insertPending(older, event(userId, EventType.PASSKEY_ADDED, older.id(), at(7)));
            store.insertPending(newer, event(userId, EventType.PASSKEY_ADDED, newer.id(), at(7)));
            String oldest = older.id().compareTo(newer.id()) < 0 ? older.id() : newer.id();
            String newest = oldest.equals(older.id()) ? newer.id() : older.id();

            assertThat(store.expireOldestPending(userId, CeremonyKind.REGISTRATION, 1, at(7))).isEqualTo(1);

            PendingCeremony read = store.findPending(oldest).orElseThrow();
            assertThat(read.expiresAt()).isEqualTo(read.createdAt());
            assertThat(read.isExpiredAt(at(7))).isTrue();
            assertThat(store.findPending(newest).orElseThrow().isExpiredAt(at(7))).isFalse();
            assertThatThrownBy(() -> store.expireOldestPending(userId, CeremonyKind.REGISTRATION, 0, at(7)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void whenManyCeremoniesOfOneUserAreBegunAndBoundedAtOnceThenAtMostTheCapStayOpen() throws Exception {
            String userId = user();
            int keep = 4;

            Concurrent.run(THREADS, i -> {
                store.insertPending(pending(Optional.of(userId), CeremonyKind.AUTHENTICATION, at(i % 10), Duration.ofSeconds(600)));
                return store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, keep, at(10));
            });

            PendingCeremony newest = store.findNewestPending(userId, CeremonyKind.AUTHENTICATION, at(10)).orElseThrow();
            assertThat(newest.createdAt()).isEqualTo(at(9));
            assertThat(store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, keep, at(10))).isZero();
            assertThat(store.expireOldestPending(userId, CeremonyKind.AUTHENTICATION, 1, at(10))).isEqualTo(keep - 1);
        }
    }

    // ==================================================================== helpers
}
