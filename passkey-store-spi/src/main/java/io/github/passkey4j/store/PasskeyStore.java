package io.github.passkey4j.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where passkeys, pending ceremonies, registration codes and each user's event history live.
 *
 * <p>Rules every implementation keeps (the contract suite {@code PasskeyStoreContract} of the
 * artifact {@code passkey-store-tck} checks each of them):
 *
 * <ul>
 *   <li>Every method is one transaction: it changes everything it says or nothing. When it throws,
 *       the store holds exactly what it held before.
 *   <li>Every write that takes a {@link NewEvent} appends it to the user's history with the user's
 *       next sequence, in the same transaction. Sequences start at 1 and never repeat or skip, also
 *       under concurrent writers and across several store instances on one database.
 *   <li>Lookups return {@link Optional} or a list, never null.
 *   <li>Thread-safe; several instances on one database behave as one.
 *   <li>Failures are {@link PasskeyStoreException}; a database that cannot be reached is
 *       {@link PasskeyStoreException.Reason#UNAVAILABLE}.
 *   <li>Instants are kept with at least millisecond precision.
 * </ul>
 */
public interface PasskeyStore {

    // ---------------------------------------------------------------- passkeys: reads

    /**
     * @param passkeyId a passkey id
     * @return the passkey in any state
     */
    Optional<StoredPasskey> findPasskey(String passkeyId);

    /**
     * @param credentialId a credential id
     * @return the passkey with that credential id, in any state, whoever owns it
     */
    Optional<StoredPasskey> findPasskeyByCredentialId(Bytes credentialId);

    /**
     * @param userId a user id
     * @return the user's {@link PasskeyState#READY} passkeys, oldest first (creation time, then id)
     */
    List<StoredPasskey> listPasskeys(String userId);

    // ---------------------------------------------------------------- passkeys: writes

    /**
     * Stores a verified passkey, in one transaction with everything that goes with it: when
     * {@code ceremonyId} is present, takes that pending {@link CeremonyKind#REGISTRATION} (it must
     * exist and not be expired at the event's time; it is deleted); when {@code code} is present,
     * uses that registration code up (it must be active, the passkey user's, and not expired at the
     * event's time) and appends its event before {@code event}. Of any number of concurrent calls with
     * one ceremony id or one code, on any number of nodes, at most one succeeds.
     *
     * @param passkey the passkey, {@link PasskeyState#READY}
     * @param event its {@link EventType#PASSKEY_VERIFIED} event
     * @param ceremonyId the pending registration to take, if the passkey comes from one
     * @param code the code to use up, if the registration was begun with one
     * @return the appended {@code event}
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_CREDENTIAL} when the
     *     credential id is stored already (any user, any state), decided by a unique key;
     *     {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the passkey id is;
     *     {@link PasskeyStoreException.Reason#CEREMONY_GONE} when the ceremony cannot be taken;
     *     {@link PasskeyStoreException.Reason#CODE_NOT_USABLE} when the code cannot be used up. In
     *     each case nothing changed. When several apply, the first of ceremony, code, ids is reported.
     */
    Event insertPasskey(StoredPasskey passkey, NewEvent event, Optional<String> ceremonyId, Optional<CodeUse> code);

    /**
     * Renames a ready passkey of the user.
     *
     * @param userId the owner
     * @param passkeyId the passkey
     * @param name the new name
     * @param event its {@link EventType#PASSKEY_RENAMED} event; its time becomes the changed time
     * @return the appended event; empty, with nothing changed, when the passkey is unknown, removed
     *     or another user's
     */
    Optional<Event> renamePasskey(String userId, String passkeyId, String name, NewEvent event);

    /**
     * Removes a ready passkey of the user: it is no longer listed and cannot sign in, and its
     * credential id stays taken.
     *
     * @param userId the owner
     * @param passkeyId the passkey
     * @param event its {@link EventType#PASSKEY_REMOVED} event; its time becomes the changed time
     * @return the appended event; empty, with nothing changed, when the passkey is unknown, already
     *     removed or another user's
     */
    Optional<Event> removePasskey(String userId, String passkeyId, NewEvent event);

    /**
     * Records a verified sign-in by compare-and-set on the signature counter, in one transaction with
     * taking its pending {@link CeremonyKind#AUTHENTICATION} when {@code ceremonyId} is present (it must
     * exist and not be expired at the event's time; it is deleted).
     *
     * @param update the new counter, backup state and time
     * @param event its {@link EventType#PASSKEY_SIGNED_IN} event
     * @param ceremonyId the pending sign-in to take
     * @return the appended event; empty, with nothing changed (the ceremony stays), when the passkey
     *     is not a ready passkey of {@code update.userId()} or its counter is no longer
     *     {@code update.expectedSignCount()}
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#CEREMONY_GONE}, with nothing
     *     changed, when the ceremony cannot be taken
     */
    Optional<Event> recordSignIn(SignInUpdate update, NewEvent event, Optional<String> ceremonyId);

    // ---------------------------------------------------------------- pending ceremonies

    /**
     * Stores a begun registration and its {@link EventType#PASSKEY_ADDED} event.
     *
     * @param ceremony the ceremony
     * @param event the event
     * @return the appended event
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the id is
     *     taken
     */
    Event insertPending(PendingCeremony ceremony, NewEvent event);

    /**
     * Stores a begun ceremony that records no event (a sign-in, which may have no user yet).
     *
     * @param ceremony the ceremony
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the id is
     *     taken
     */
    void insertPending(PendingCeremony ceremony);

    /**
     * Reads a pending ceremony, expired or not. Ceremonies are taken (deleted) by
     * {@link #insertPasskey} and {@link #recordSignIn}, atomically with what they produce.
     *
     * @param id the ceremony id
     * @return the ceremony
     */
    Optional<PendingCeremony> findPending(String id);

    /**
     * Reads what finishing a sign-in needs before it verifies anything: {@link #findPending} of
     * {@code ceremonyId} and {@link #findPasskeyByCredentialId} of {@code credentialId}. It changes
     * nothing: the ceremony stays until {@link #recordSignIn} takes it, so an answer that is then refused
     * leaves the ceremony as it was. A store may read both in one statement (the JDBC store does, one
     * round trip instead of two); this default makes the two calls.
     *
     * @param ceremonyId a ceremony id
     * @param credentialId a credential id
     * @return the ceremony (any kind, expired or not) and the passkey (any state, whoever owns it), each
     *     empty when there is none
     */
    default PendingAndPasskey findPendingAndPasskey(String ceremonyId, Bytes credentialId) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(credentialId, "credentialId");
        return new PendingAndPasskey(findPending(ceremonyId), findPasskeyByCredentialId(credentialId));
    }

    /**
     * @param userId a user id
     * @param kind a kind
     * @param now the current time
     * @return the user's most recently begun ceremony of that kind that has not expired
     */
    Optional<PendingCeremony> findNewestPending(String userId, CeremonyKind kind, Instant now);

    /**
     * Bounds a user's open ceremonies: every ceremony of the user and kind that has not expired at
     * {@code now}, except the {@code keep} most recently begun ({@link PendingCeremony#createdAt()},
     * then id, descending), is made to expire at {@code now}: it can no longer be taken, reads as
     * expired, and {@link #purgeExpired} deletes it. The oldest expire first. Ceremonies without a
     * user are never touched.
     *
     * @param userId a user id
     * @param kind a kind
     * @param keep how many open ceremonies the user may keep, at least 1
     * @param now the current time
     * @return how many ceremonies were made to expire
     */
    int expireOldestPending(String userId, CeremonyKind kind, int keep, Instant now);

    /**
     * {@link #insertPending(PendingCeremony, NewEvent)}, then {@link #expireOldestPending} for the
     * ceremony's user and kind at its creation time, keeping {@code keepOpen} open. A store may do both
     * in one statement (the JDBC store does on PostgreSQL); this default makes two calls.
     *
     * @param ceremony the ceremony, with a user
     * @param event the event to append
     * @param keepOpen how many open ceremonies of that user and kind stay open, the new one included
     * @return the appended event
     */
    default Event insertPending(PendingCeremony ceremony, NewEvent event, int keepOpen) {
        Event appended = insertPending(ceremony, event);
        ceremony.userId().ifPresent(u -> expireOldestPending(u, ceremony.kind(), keepOpen, ceremony.createdAt()));
        return appended;
    }

    /**
     * {@link #insertPending(PendingCeremony)}, then {@link #expireOldestPending} for the ceremony's
     * user and kind (when it has a user) at its creation time, keeping {@code keepOpen} open.
     *
     * @param ceremony the ceremony
     * @param keepOpen how many open ceremonies of that user and kind stay open, the new one included
     */
    default void insertPending(PendingCeremony ceremony, int keepOpen) {
        insertPending(ceremony);
        ceremony.userId().ifPresent(u -> expireOldestPending(u, ceremony.kind(), keepOpen, ceremony.createdAt()));
    }

    // ---------------------------------------------------------------- registration codes

    /**
     * Stores a new registration code and its {@link EventType#CODE_CREATED} event.
     *
     * @param code the code (its hash only)
     * @param event the event
     * @return the appended event
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the id is
     *     taken
     */
    Event insertCode(RegistrationCode code, NewEvent event);

    /**
     * @param codeId a code id
     * @return the code in any state
     */
    Optional<RegistrationCode> findCode(String codeId);

    /**
     * Counts a wrong try against an active code, atomically: appends {@code failed}; when the count
     * reaches {@code maxAttempts}, burns the code and appends {@code burnt} after it.
     *
     * @param codeId the code
     * @param maxAttempts the number of wrong tries that burns it
     * @param failed the {@link EventType#CODE_FAILED_ATTEMPT} event
     * @param burnt the {@link EventType#CODE_BURNT} event
     * @return the code after the update; empty, with nothing changed, when it is unknown or not
     *     active
     */
    Optional<RegistrationCode> recordFailedCodeAttempt(String codeId, int maxAttempts, NewEvent failed, NewEvent burnt);

    // ---------------------------------------------------------------- history and housekeeping

    /**
     * @param userId a user id
     * @return the user's events, by sequence
     */
    List<Event> listEvents(String userId);

    /**
     * Deletes pending ceremonies and registration codes that expired at or before {@code now}.
     * Hosts call it on a schedule.
     *
     * @param now the current time
     * @return how many were deleted
     */
    int purgeExpired(Instant now);
}
