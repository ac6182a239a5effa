package io.github.passkey4j.benchmarks;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.internal.TimeOrderedIdGenerator;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The in-memory store's heap figures, measured after full collections ({@code System.gc()}, which
 * G1 runs as a full, stop-the-world collection):
 *
 * <ol>
 *   <li>heap bytes per stored passkey at 100 000 passkeys, each added through the library ("Add
 *       passkey" then "Verify", so with its two history events);
 *   <li>1 000 000 begun registrations that are never finished, on a clock that moves 1 ms per
 *       begin (so the 90 s timeout plus grace keeps at most 90 000 of them unexpired at any time),
 *       without ever calling {@code purgeExpired}: the heap is sampled every 100 000 begins. It must
 *       stay within the stated bound: the unexpired window times the bytes of one pending
 *       registration, plus the history (one "added" event per begin, kept by design).
 * </ol>
 *
 * <p>{@code java -Xms4g -Xmx4g -cp benchmarks.jar io.github.passkey4j.benchmarks.MemoryFigures}
 */
public final class MemoryFigures {

    private static final int PASSKEYS = 100_000;
    private static final int BEGINS = 1_000_000;
    private static final int USERS_FOR_BEGINS = 10_000;

    private MemoryFigures() {
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static Passkeys passkeys(InMemoryPasskeyStore store, Clock clock) {
        return Passkeys.builder()
                .store(store)
                .relyingParty(RelyingPartyConfig.of(Authenticator.RP_ID, "Example", Authenticator.ORIGIN))
                .clock(clock)
                .ids(new TimeOrderedIdGenerator(3, clock))
                .challenges(Env.fixedChallenges())
                .build();
    }

    private static PasskeyUser user(long n) {
        String id = Long.toString(400_000_000_000_000_000L + n);
        return new PasskeyUser(id, "user" + id + "@acme.test", "User " + id, Env.ORG);
    }

    /**
     * @param args none
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "JVM %s, max heap %d MiB%n", System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() >> 20);

        // 1. bytes per stored passkey
        MovedClock clock = MovedClock.at(Instant.parse("2026-11-28T12:00:00Z"));
        Authenticator authenticator = new Authenticator();
        InMemoryPasskeyStore store = new InMemoryPasskeyStore();
        Passkeys passkeys = passkeys(store, clock);
        long before = usedAfterGc();
        for (int i = 0; i < PASSKEYS; i++) {
            PasskeyUser u = user(i);
            AddPasskeyResponse added = passkeys.addPasskey(u);
            passkeys.verifyPasskey(u.id(), added.passkeyId(),
                    authenticator.registration(Authenticator.credentialId(11, i), false), "Laptop");
            clock.advance(Duration.ofMillis(1));
        }
        // the finished ceremonies are gone from the map; let the expiry queue drop its references too
        clock.advance(Duration.ofHours(1));
        store.purgeExpired(clock.instant());
        long after = usedAfterGc();
        double perPasskey = (after - before) / (double) PASSKEYS;
        System.out.printf(Locale.ROOT, "in-memory store, %,d passkeys (1 per user, each with its 2 events): %,d bytes "
                + "of heap, %.0f bytes per passkey%n", PASSKEYS, after - before, perPasskey);
        if (passkeys.listPasskeys(user(7).id()).size() != 1) {
            throw new IllegalStateException("a passkey is missing");
        }
        store = null;
        passkeys = null;

        // 2a. bytes per pending registration: begins that do not expire
        clock = MovedClock.at(Instant.parse("2026-11-28T12:00:00Z"));
        store = new InMemoryPasskeyStore();
        passkeys = passkeys(store, clock);
        before = usedAfterGc();
        int window = 100_000;
        for (int i = 0; i < window; i++) {
            passkeys.addPasskey(user(i % USERS_FOR_BEGINS));
        }
        after = usedAfterGc();
        double perPending = (after - before) / (double) window;
        System.out.printf(Locale.ROOT, "%,d begun registrations, none expired (%,d users): %.0f bytes each, its "
                + "history event included%n", window, USERS_FOR_BEGINS, perPending);
        store = null;
        passkeys = null;

        // 2b. a million begins that expire, never purged
        clock = MovedClock.at(Instant.parse("2026-11-28T12:00:00Z"));
        store = new InMemoryPasskeyStore();
        passkeys = passkeys(store, clock);
        before = usedAfterGc();
        long expiryWindow = Duration.ofSeconds(60 + 30).toMillis(); // timeout + grace, at 1 ms per begin
        long peak = 0;
        System.out.println("| begins | heap above the empty store (MiB) |");
        System.out.println("|---|---|");
        for (int i = 1; i <= BEGINS; i++) {
            passkeys.addPasskey(user(i % USERS_FOR_BEGINS));
            clock.advance(Duration.ofMillis(1));
            if (i % 100_000 == 0) {
                long used = usedAfterGc() - before;
                peak = Math.max(peak, used);
                System.out.printf(Locale.ROOT, "| %,d | %.1f |%n", i, used / 1048576.0);
            }
        }
        long history = usedAfterGc();
        // what is left after the last window expires is the history alone
        clock.advance(Duration.ofHours(1));
        passkeys.addPasskey(user(1));
        long historyOnly = usedAfterGc() - before;
        double perEvent = historyOnly / (double) BEGINS;
        double bound = expiryWindow * perPending + BEGINS * perEvent;
        System.out.printf(Locale.ROOT, "after the last window expired: %.1f MiB (the history: %.0f bytes per begin)%n",
                historyOnly / 1048576.0, perEvent);
        System.out.printf(Locale.ROOT, "peak %.1f MiB; bound = %,d unexpired x %.0f B + %,d events x %.0f B = %.1f MiB: %s%n",
                peak / 1048576.0, expiryWindow, perPending, BEGINS, perEvent, bound / 1048576.0,
                peak <= bound * 1.1 ? "within the bound" : "ABOVE THE BOUND");
        if (history < 0) {
            throw new IllegalStateException();
        }
    }
}
