package io.github.passkey4j.store.tck;

import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.StoredPasskey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Values for store tests: distinct ids, bytes and times, all at millisecond precision. */
public final class StoreFixtures {

    /** A fixed instant with millisecond precision; every test time is relative to it. */
    public static final Instant T0 = Instant.parse("2026-11-28T10:54:19.585Z");

    private static final AtomicLong COUNTER = new AtomicLong(69629023906488334L);

    private StoreFixtures() {
    }

    /**
     * Makes an id no other call of this JVM makes.
     *
     * @return a fresh decimal id
     */
    public static String newId() {
        return Long.toString(COUNTER.incrementAndGet());
    }

    /**
     * @param seconds seconds after {@link #T0}
     * @return that instant
     */
    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /**
     * Makes random-looking bytes that, over many calls, contain every byte value.
     *
     * @param length how many
     * @return that many bytes, different on each call
     */
    public static Bytes randomBytes(int length) {
        byte[] b = new byte[length];
        long seed = COUNTER.incrementAndGet() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            b[i] = (byte) seed;
        }
        return Bytes.of(b);
    }

    /**
     * @param userId the owner
     * @param createdAt its creation time
     * @return a ready passkey with every field set
     */
    public static StoredPasskey passkey(String userId, Instant createdAt) {
        return passkey(newId(), userId, randomBytes(32), createdAt);
    }

    /**
     * @param id the passkey id
     * @param userId the owner
     * @param credentialId its credential id
     * @param createdAt its creation time
     * @return a ready passkey with every field set
     */
    public static StoredPasskey passkey(String id, String userId, Bytes credentialId, Instant createdAt) {
        return new StoredPasskey(id, userId, "org-" + userId, "example.com", credentialId, Bytes.utf8(userId),
                randomBytes(77), 7, UUID.fromString("ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4"),
                List.of("internal", "hybrid"), true, false, true, "packed", false, "Laptop " + id,
                PasskeyState.READY, false, createdAt, createdAt, Optional.empty());
    }

    /**
     * @param p a passkey
     * @return the event that records its verification
     */
    public static NewEvent verified(StoredPasskey p) {
        return event(p.userId(), EventType.PASSKEY_VERIFIED, p.id(), p.createdAt());
    }

    /**
     * @param userId the user
     * @param type the type
     * @param aggregateId the passkey or code
     * @param time the time
     * @return a new event for the user
     */
    public static NewEvent event(String userId, EventType type, String aggregateId, Instant time) {
        return new NewEvent(userId, "org-" + userId, type, aggregateId, time);
    }

    /**
     * @param userId the user, empty for a usernameless sign-in
     * @param kind the kind
     * @param createdAt when it was begun
     * @param ttl how long it lives
     * @return a pending ceremony
     */
    public static PendingCeremony pending(Optional<String> userId, CeremonyKind kind, Instant createdAt, Duration ttl) {
        return new PendingCeremony(newId(), kind, userId, userId.map(u -> "org-" + u), "example.com",
                randomBytes(32), "{\"challenge\":\"x\",\"note\":\"it's -- ; \uD83D\uDD11\"}", createdAt,
                createdAt.plus(ttl), Optional.empty());
    }

    /**
     * @param userId the user
     * @param createdAt when it was begun
     * @return a pending registration living 90 seconds
     */
    public static PendingCeremony registration(String userId, Instant createdAt) {
        return pending(Optional.of(userId), CeremonyKind.REGISTRATION, createdAt, Duration.ofSeconds(90));
    }

    /**
     * @param userId the user
     * @param createdAt when it was created
     * @param ttl how long it lives
     * @return an active registration code
     */
    public static RegistrationCode code(String userId, Instant createdAt, Duration ttl) {
        return new RegistrationCode(newId(), userId, "org-" + userId, randomBytes(32), createdAt,
                createdAt.plus(ttl), 0, CodeState.ACTIVE);
    }
}
