package io.github.passkey4j.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where passkeys, pending ceremonies, registration codes and each user's event history live.
 *
 * <p>Rules every implementation keeps (the contract suite {@code PasskeyStoreContract} in this
 * module's test-jar checks each of them):
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
     * Stores a verified passkey. When {@code code} is present, uses that registration code up in the
     * same transaction (it must be active, the passkey user's, and not expired at the event's time)
     * and appends its event before {@code event}.
     *
     * @param passkey the passkey, {@link PasskeyState#READY}
     * @param event its {@link EventType#PASSKEY_VERIFIED} event
     * @param code the code to use up, if the registration was begun with one
     * @return the appended {@code event}
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_CREDENTIAL} when the
     *     credential id is stored already (any user, any state), decided by a unique key;
     *     {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the passkey id is;
     *     {@link PasskeyStoreException.Reason#CODE_NOT_USABLE} when the code cannot be used up
     */
    Event insertPasskey(StoredPasskey passkey, NewEvent event, Optional<CodeUse> code);

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
     * Records a verified sign-in, by compare-and-set on the signature counter.
     *
     * @param update the new counter, backup state and time
     * @param event its {@link EventType#PASSKEY_SIGNED_IN} event
     * @return the appended event; empty, with nothing changed, when the passkey is not a ready
     *     passkey of {@code update.userId()} or its counter is no longer
     *     {@code update.expectedSignCount()}
     */
    Optional<Event> recordSignIn(SignInUpdate update, NewEvent event);

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
     * Stores a begun ceremony that records no event (a sign-in).
     *
     * @param ceremony the ceremony
     * @throws PasskeyStoreException {@link PasskeyStoreException.Reason#DUPLICATE_ID} when the id is
     *     taken
     */
    void insertPending(PendingCeremony ceremony);

    /**
     * Takes a pending ceremony: returns it and deletes it, atomically, so that of any number of
     * concurrent callers (on any number of nodes) exactly one gets it.
     *
     * @param id the ceremony id
     * @param kind the kind it must be
     * @param now the current time; an expired ceremony is not taken (and stays until purged)
     * @return the ceremony, or empty when it is unknown, of another kind, expired or taken already
     */
    Optional<PendingCeremony> takePending(String id, CeremonyKind kind, Instant now);

    /**
     * Reads a pending ceremony without taking it, expired or not (to tell a caller why a take found
     * nothing).
     *
     * @param id the ceremony id
     * @return the ceremony
     */
    Optional<PendingCeremony> findPending(String id);

    /**
     * @param userId a user id
     * @param kind a kind
     * @param now the current time
     * @return the user's most recently begun ceremony of that kind that has not expired
     */
    Optional<PendingCeremony> findNewestPending(String userId, CeremonyKind kind, Instant now);

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
