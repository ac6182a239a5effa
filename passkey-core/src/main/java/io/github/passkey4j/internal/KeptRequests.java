package io.github.passkey4j.internal;

import io.github.passkey4j.store.PendingCeremony;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's request objects the library built when it began ceremonies, kept for their finish so
 * that the finish need not parse them back from the stored JSON. (Yubico's advice: the JSON encoding
 * "might not be needed if you can simply keep the instance in server memory".) Parsing a stored
 * creation request costs about as much as the engine's whole {@code finishRegistration}: Jackson, and
 * a JCA look-up for every offered algorithm in the request's constructor.
 *
 * <p>An entry refers weakly to the {@link PendingCeremony} the library handed to the store, so it
 * lives exactly as long as something else holds that ceremony, and needs no size limit or expiry of
 * its own:
 *
 * <ul>
 *   <li>a store that keeps ceremonies in the heap (the in-memory store) holds it until the ceremony
 *       is taken or dropped on expiry: its finishes never parse;
 *   <li>a store that reads ceremonies from a database returns a new object; the look-up matches by
 *       value while the one handed to the store is still alive (usually until the next collection)
 *       and otherwise misses, and the finish parses the stored JSON as it always did.
 * </ul>
 *
 * <p>{@link #dropExpired} forgets the requests of expired ceremonies when the library purges them.
 *
 * <p>A hit requires the ceremony read back to equal the one kept ({@link PendingCeremony#equals},
 * which includes the request JSON), so it returns the very request that JSON was written from.
 * Entries whose ceremony was collected are dropped on the next {@link #put}. Thread-safe, lock-free.
 *
 * @param <T> the engine's request type
 */
final class KeptRequests<T> {

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final ReferenceQueue<PendingCeremony> collected = new ReferenceQueue<>();

    private static final class Entry<T> extends WeakReference<PendingCeremony> {
        final String id;
        final Instant expiresAt;
        final T request;

        Entry(PendingCeremony ceremony, T request, ReferenceQueue<PendingCeremony> queue) {
            super(ceremony, queue);
            this.id = ceremony.id();
            this.expiresAt = ceremony.expiresAt();
            this.request = request;
        }
    }

    /**
     * @param ceremony the ceremony, as handed to the store
     * @param request the request its JSON was written from
     */
    void put(PendingCeremony ceremony, T request) {
        dropCollected();
        entries.put(ceremony.id(), new Entry<>(ceremony, request, collected));
    }

    /**
     * @param ceremony the ceremony, as read from the store
     * @return the request kept for it, or null
     */
    T get(PendingCeremony ceremony) {
        Entry<T> entry = entries.get(ceremony.id());
        if (entry == null) {
            return null;
        }
        PendingCeremony kept = entry.get();
        return kept == ceremony || ceremony.equals(kept) ? entry.request : null;
    }

    /**
     * @param ceremony a ceremony that was finished
     */
    void remove(PendingCeremony ceremony) {
        Entry<T> entry = entries.remove(ceremony.id());
        if (entry != null) {
            entry.clear();
        }
    }

    /**
     * Forgets the requests of ceremonies expired at {@code now}, as the store's purge deletes them: their
     * memory is free at once, not only after the collector has noticed that the ceremony is gone. Scans every
     * entry; a purge runs every few minutes.
     *
     * @param now the purge's time
     */
    void dropExpired(Instant now) {
        dropCollected();
        entries.values().removeIf(entry -> {
            boolean expired = !entry.expiresAt.isAfter(now);
            if (expired) {
                entry.clear();
            }
            return expired;
        });
    }

    private void dropCollected() {
        for (Object ref; (ref = collected.poll()) != null; ) {
            @SuppressWarnings("unchecked")
            Entry<T> entry = (Entry<T>) ref;
            entries.remove(entry.id, entry);
        }
    }

    /** @return how many entries there are, collected or not (for tests) */
    int size() {
        return entries.size();
    }
}
