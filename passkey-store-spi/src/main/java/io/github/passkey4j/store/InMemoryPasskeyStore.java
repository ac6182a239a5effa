package io.github.passkey4j.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A thread-safe store that keeps everything in the heap: for tests, demos and single-node hosts
 * that can lose their passkeys on restart. It passes the same contract suite as the JDBC store.
 *
 * <p>Reads run in parallel; writes take one lock for the few microseconds they need, which makes
 * every call trivially one transaction. Begun ceremonies that are never finished are dropped when
 * they expire: each new ceremony first drops those at the head of an expiry queue, so memory stays
 * bounded by the number begun within one timeout even if the host never calls
 * {@link #purgeExpired(Instant)}.
 */
public final class InMemoryPasskeyStore implements PasskeyStore {

    private static final Comparator<StoredPasskey> OLDEST_FIRST =
            Comparator.comparing(StoredPasskey::createdAt).thenComparing(StoredPasskey::id);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, StoredPasskey> passkeys = new HashMap<>();
    private final Map<Bytes, String> passkeyIdByCredentialId = new HashMap<>();
    private final Map<String, UserData> users = new HashMap<>();
    private final Map<String, PendingCeremony> pending = new HashMap<>();
    private final ArrayDeque<PendingCeremony> pendingByExpiry = new ArrayDeque<>();
    private final Map<String, RegistrationCode> codes = new HashMap<>();
    /** The ids of the ceremonies in {@link #pending} that have a user, per user and kind, oldest first. */
    private final Map<String, List<String>> pendingIdsByUser = new HashMap<>();

    /** Per user: the ids of the passkeys, the history and its last sequence. */
    private static final class UserData {
        final List<String> passkeyIds = new ArrayList<>(2);
        final List<Event> events = new ArrayList<>(4);

        Event append(NewEvent event) {
            Event stored = event.withSequence(events.size() + 1L);
            events.add(stored);
            return stored;
        }
    }

    /** Creates an empty store. */
    public InMemoryPasskeyStore() {
    }

    // ---------------------------------------------------------------- passkeys

    @Override
    public Optional<StoredPasskey> findPasskey(String passkeyId) {
        Objects.requireNonNull(passkeyId, "passkeyId");
        return read(() -> Optional.ofNullable(passkeys.get(passkeyId)));
    }

    @Override
    public Optional<StoredPasskey> findPasskeyByCredentialId(Bytes credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        return read(() -> {
            String id = passkeyIdByCredentialId.get(credentialId);
            return id == null ? Optional.empty() : Optional.of(passkeys.get(id));
        });
    }

    @Override
    public List<StoredPasskey> listPasskeys(String userId) {
        Objects.requireNonNull(userId, "userId");
        return read(() -> {
            UserData user = users.get(userId);
            if (user == null) {
                return List.of();
            }
            List<StoredPasskey> result = new ArrayList<>(user.passkeyIds.size());
            for (String id : user.passkeyIds) {
                StoredPasskey p = passkeys.get(id);
                if (p.isReady()) {
                    result.add(p);
                }
            }
            result.sort(OLDEST_FIRST);
            return List.copyOf(result);
        });
    }

    @Override
    public Event insertPasskey(StoredPasskey passkey, NewEvent event, Optional<String> ceremonyId,
            Optional<CodeUse> code) {
        Objects.requireNonNull(passkey, "passkey");
        requireSameUser(passkey.userId(), event);
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(code, "code");
        code.ifPresent(c -> requireSameUser(passkey.userId(), c.event()));
        return write(() -> {
            PendingCeremony ceremony = ceremonyId.map(id -> takeable(id, CeremonyKind.REGISTRATION, event.time())).orElse(null);
            RegistrationCode usable = null;
            if (code.isPresent()) {
                RegistrationCode c = codes.get(code.get().codeId());
                if (c == null || !c.userId().equals(passkey.userId()) || !c.isUsableAt(event.time())) {
                    throw new PasskeyStoreException(PasskeyStoreException.Reason.CODE_NOT_USABLE,
                            "registration code " + code.get().codeId() + " cannot be used");
                }
                usable = c;
            }
            if (passkeys.containsKey(passkey.id())) {
                throw new PasskeyStoreException(PasskeyStoreException.Reason.DUPLICATE_ID,
                        "passkey id " + passkey.id() + " is taken");
            }
            if (passkeyIdByCredentialId.containsKey(passkey.credentialId())) {
                throw new PasskeyStoreException(PasskeyStoreException.Reason.DUPLICATE_CREDENTIAL,
                        "the credential id is registered already");
            }
            // every check passed: now change, in an order that cannot fail half-way
            if (ceremony != null) {
                forgetPending(ceremony.id());
            }
            UserData user = users.computeIfAbsent(passkey.userId(), k -> new UserData());
            if (usable != null) {
                codes.put(usable.id(), new RegistrationCode(usable.id(), usable.userId(), usable.resourceOwner(),
                        usable.codeHash(), usable.createdAt(), usable.expiresAt(), usable.failedAttempts(),
                        CodeState.USED));
                user.append(code.get().event());
            }
            passkeys.put(passkey.id(), passkey);
            passkeyIdByCredentialId.put(passkey.credentialId(), passkey.id());
            user.passkeyIds.add(passkey.id());
            return user.append(event);
        });
    }

    @Override
    public Optional<Event> renamePasskey(String userId, String passkeyId, String name, NewEvent event) {
        Objects.requireNonNull(name, "name");
        requireSameUser(userId, event);
        return write(() -> {
            StoredPasskey p = passkeys.get(passkeyId);
            if (p == null || !p.isReady() || !p.userId().equals(userId)) {
                return Optional.empty();
            }
            passkeys.put(passkeyId, p.renamed(name, event.time()));
            return Optional.of(users.get(userId).append(event));
        });
    }

    @Override
    public Optional<Event> removePasskey(String userId, String passkeyId, NewEvent event) {
        requireSameUser(userId, event);
        return write(() -> {
            StoredPasskey p = passkeys.get(passkeyId);
            if (p == null || !p.isReady() || !p.userId().equals(userId)) {
                return Optional.empty();
            }
            passkeys.put(passkeyId, p.removed(event.time()));
            return Optional.of(users.get(userId).append(event));
        });
    }

    @Override
    public Optional<Event> recordSignIn(SignInUpdate update, NewEvent event, Optional<String> ceremonyId) {
        Objects.requireNonNull(update, "update");
        requireSameUser(update.userId(), event);
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        return write(() -> {
            PendingCeremony ceremony = ceremonyId.map(id -> takeable(id, CeremonyKind.AUTHENTICATION, event.time())).orElse(null);
            StoredPasskey p = passkeys.get(update.passkeyId());
            if (p == null || !p.isReady() || !p.userId().equals(update.userId())
                    || p.signCount() != update.expectedSignCount()) {
                return Optional.empty();
            }
            if (ceremony != null) {
                forgetPending(ceremony.id());
            }
            passkeys.put(p.id(), p.signedIn(update));
            return Optional.of(users.get(p.userId()).append(event));
        });
    }

    // ---------------------------------------------------------------- pending ceremonies

    @Override
    public Event insertPending(PendingCeremony ceremony, NewEvent event) {
        Objects.requireNonNull(ceremony, "ceremony");
        requireSameUser(ceremony.userId().orElse(null), event);
        return write(() -> {
            addPending(ceremony);
            return users.computeIfAbsent(event.userId(), k -> new UserData()).append(event);
        });
    }

    @Override
    public void insertPending(PendingCeremony ceremony) {
        Objects.requireNonNull(ceremony, "ceremony");
        write(() -> {
            addPending(ceremony);
            return null;
        });
    }

    private void addPending(PendingCeremony ceremony) {
        dropExpiredAtHead(ceremony.createdAt());
        if (pending.containsKey(ceremony.id()) || passkeys.containsKey(ceremony.id())) {
            throw new PasskeyStoreException(PasskeyStoreException.Reason.DUPLICATE_ID,
                    "ceremony id " + ceremony.id() + " is taken");
        }
        pending.put(ceremony.id(), ceremony);
        pendingByExpiry.addLast(ceremony);
        ceremony.userId().ifPresent(u -> pendingIdsByUser.computeIfAbsent(userKey(u, ceremony.kind()),
                k -> new ArrayList<>(2)).add(ceremony.id()));
    }

    private static String userKey(String userId, CeremonyKind kind) {
        return kind.name() + ' ' + userId;
    }

    /** Removes a ceremony from the map and the per-user index. */
    private void forgetPending(String id) {
        PendingCeremony removed = pending.remove(id);
        if (removed != null && removed.userId().isPresent()) {
            String key = userKey(removed.userId().get(), removed.kind());
            List<String> ids = pendingIdsByUser.get(key);
            if (ids != null && ids.remove(id) && ids.isEmpty()) {
                pendingIdsByUser.remove(key);
            }
        }
    }

    /** Drops expired ceremonies from the head of the queue; amortised O(1) per insert. */
    private void dropExpiredAtHead(Instant now) {
        PendingCeremony head;
        while ((head = pendingByExpiry.peekFirst()) != null && head.isExpiredAt(now)) {
            pendingByExpiry.removeFirst();
            PendingCeremony current = pending.get(head.id());
            // the same ceremony, or the copy expireOldestPending made expire earlier
            if (current != null && current.isExpiredAt(now) && current.createdAt().equals(head.createdAt())) {
                forgetPending(head.id());
            }
        }
    }

    /** The ceremony a write may take, or the exception that makes the write change nothing. */
    private PendingCeremony takeable(String id, CeremonyKind kind, Instant now) {
        PendingCeremony p = pending.get(id);
        if (p == null || p.kind() != kind || p.isExpiredAt(now)) {
            throw new PasskeyStoreException(PasskeyStoreException.Reason.CEREMONY_GONE,
                    "no pending " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id);
        }
        return p;
    }

    @Override
    public Optional<PendingCeremony> findPending(String id) {
        Objects.requireNonNull(id, "id");
        return read(() -> Optional.ofNullable(pending.get(id)));
    }

    @Override
    public Optional<PendingCeremony> findNewestPending(String userId, CeremonyKind kind, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        return read(() -> pending.values().stream()
                .filter(p -> p.kind() == kind && p.userId().filter(userId::equals).isPresent() && !p.isExpiredAt(now))
                .max(Comparator.comparing(PendingCeremony::createdAt).thenComparing(PendingCeremony::id)));
    }

    @Override
    public int expireOldestPending(String userId, CeremonyKind kind, int keep, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be positive: " + keep);
        }
        return write(() -> {
            List<String> ids = pendingIdsByUser.get(userKey(userId, kind));
            if (ids == null || ids.size() <= keep) {
                return 0;
            }
            List<PendingCeremony> open = new ArrayList<>(ids.size());
            for (Iterator<String> it = ids.iterator(); it.hasNext(); ) {
                PendingCeremony p = pending.get(it.next());
                if (p != null && !p.isExpiredAt(now)) {
                    open.add(p);
                } else {
                    // expired for good (by time or by this cap): no later call of this user needs it indexed, and a
                    // user whose begins are refused or abandoned over and over keeps a short list
                    it.remove();
                }
            }
            open.sort(Comparator.comparing(PendingCeremony::createdAt).thenComparing(PendingCeremony::id).reversed());
            int expired = 0;
            for (PendingCeremony p : open.subList(Math.min(keep, open.size()), open.size())) {
                Instant at = p.createdAt().isAfter(now) ? p.createdAt() : now;
                pending.put(p.id(), new PendingCeremony(p.id(), p.kind(), p.userId(), p.resourceOwner(), p.rpId(),
                        p.challenge(), p.requestJson(), p.createdAt(), at, p.codeId(), p.origin()));
                ids.remove(p.id());
                expired++;
            }
            return expired;
        });
    }

    // ---------------------------------------------------------------- registration codes

    @Override
    public Event insertCode(RegistrationCode code, NewEvent event) {
        Objects.requireNonNull(code, "code");
        requireSameUser(code.userId(), event);
        return write(() -> {
            if (codes.containsKey(code.id())) {
                throw new PasskeyStoreException(PasskeyStoreException.Reason.DUPLICATE_ID,
                        "code id " + code.id() + " is taken");
            }
            codes.put(code.id(), code);
            return users.computeIfAbsent(code.userId(), k -> new UserData()).append(event);
        });
    }

    @Override
    public Optional<RegistrationCode> findCode(String codeId) {
        Objects.requireNonNull(codeId, "codeId");
        return read(() -> Optional.ofNullable(codes.get(codeId)));
    }

    @Override
    public Optional<RegistrationCode> recordFailedCodeAttempt(String codeId, int maxAttempts, NewEvent failed,
            NewEvent burnt) {
        Objects.requireNonNull(codeId, "codeId");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive");
        }
        return write(() -> {
            RegistrationCode c = codes.get(codeId);
            if (c == null || c.state() != CodeState.ACTIVE) {
                return Optional.empty();
            }
            requireSameUser(c.userId(), failed);
            requireSameUser(c.userId(), burnt);
            int attempts = c.failedAttempts() + 1;
            CodeState state = attempts >= maxAttempts ? CodeState.BURNT : CodeState.ACTIVE;
            RegistrationCode updated = new RegistrationCode(c.id(), c.userId(), c.resourceOwner(), c.codeHash(),
                    c.createdAt(), c.expiresAt(), attempts, state);
            codes.put(codeId, updated);
            UserData user = users.get(c.userId());
            user.append(failed);
            if (state == CodeState.BURNT) {
                user.append(burnt);
            }
            return Optional.of(updated);
        });
    }

    // ---------------------------------------------------------------- history and housekeeping

    @Override
    public List<Event> listEvents(String userId) {
        Objects.requireNonNull(userId, "userId");
        return read(() -> {
            UserData user = users.get(userId);
            return user == null ? List.of() : List.copyOf(user.events);
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return write(() -> {
            int removed = 0;
            List<String> gone = new ArrayList<>();
            for (PendingCeremony p : pending.values()) {
                if (p.isExpiredAt(now)) {
                    gone.add(p.id());
                }
            }
            gone.forEach(this::forgetPending);
            removed += gone.size();
            pendingByExpiry.removeIf(p -> !pending.containsKey(p.id())
                    || !pending.get(p.id()).createdAt().equals(p.createdAt()));
            for (Iterator<RegistrationCode> it = codes.values().iterator(); it.hasNext(); ) {
                if (!now.isBefore(it.next().expiresAt())) {
                    it.remove();
                    removed++;
                }
            }
            return removed;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static void requireSameUser(String userId, NewEvent event) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(event, "event");
        if (!userId.equals(event.userId())) {
            throw new IllegalArgumentException("the event belongs to another user");
        }
    }

    private interface Action<T> {
        T run();
    }

    private <T> T read(Action<T> action) {
        ReentrantReadWriteLock.ReadLock r = lock.readLock();
        r.lock();
        try {
            return action.run();
        } finally {
            r.unlock();
        }
    }

    private <T> T write(Action<T> action) {
        ReentrantReadWriteLock.WriteLock w = lock.writeLock();
        w.lock();
        try {
            return action.run();
        } finally {
            w.unlock();
        }
    }
}
