package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.RateLimits;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.passkey4j.examples.demo.ApiClient.Response;
import io.github.passkey4j.examples.demo.ApiClient.User;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A soak of the demo on PostgreSQL: 8 threads doing whole ceremonies (sign-up, register, sign in,
 * list, rename, remove, and a sign-in begun and abandoned) for 10 s ({@code -Dsoak.seconds=60} or more
 * for a longer run), on a clock that runs twice as fast as real time so that abandoned ceremonies
 * expire and the purge (every 500 ms) deletes them. No unexpected answer, every success in the
 * database, the heap after GC at the end within 20% of that after the warm-up, the pending ceremonies
 * never above what the purge allows. Prints the throughput and latency percentiles.
 */
class DemoSoakTest {

    private static final int THREADS = 8;
    private static final int SPEED = 2;
    /** How long a ceremony lives in real time. */
    private static final long LIFETIME_NANOS = Duration.ofSeconds(10).toNanos() / SPEED;
    private static final Duration CEREMONY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PURGE_INTERVAL = Duration.ofMillis(500);

    /** Real time, {@link #SPEED} times faster. */
    private static final class FastClock extends Clock {
        private final Instant start = Instant.now();
        private final long startNanos = System.nanoTime();

        @Override
        public Instant instant() {
            return start.plusNanos((System.nanoTime() - startNanos) * SPEED);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final Map<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    private final Map<String, Queue<Long>> latencies = new ConcurrentHashMap<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<Long> abandonedAt = new ConcurrentLinkedQueue<>();

    private Response timed(String operation, int expected, java.util.function.Supplier<Response> request) {
        long start = System.nanoTime();
        Response r = request.get();
        latencies.computeIfAbsent(operation, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
        if (r.status() == expected) {
            successes.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            return r;
        }
        errors.add(operation + ": " + r.status() + " " + r.text());
        return null;
    }

    private void ceremony(ApiClient api, String origin) throws Exception {
        String loginName = "soak-" + UUID.randomUUID() + "@acme.test";
        Response signedUp = timed("sign-up", 200, () -> api.post("/demo/users", null, Map.of("loginName", loginName)));
        if (signedUp == null) {
            return;
        }
        User user = new User(signedUp.json().get("userId").asText(), "", signedUp.json().get("sessionToken").asText());
        long start = System.nanoTime();
        Ceremonies.Registered passkey;
        try {
            passkey = Ceremonies.register(api, origin, user, "Laptop");
        } catch (AssertionError e) {
            slowOrError("register", start, e);
            return;
        }
        latencies.computeIfAbsent("register (begin + verify)", k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
        successes.computeIfAbsent("register", k -> new AtomicInteger()).incrementAndGet();

        if (timed("sign-in begin, abandoned", 200, () -> api.post("/v2/sessions", null, Ceremonies.beginBody(null))) != null) {
            abandonedAt.add(System.nanoTime());
        }
        start = System.nanoTime();
        Response signedIn;
        try {
            signedIn = Ceremonies.signIn(api, origin, passkey.authenticator(), loginName);
        } catch (AssertionError e) {
            slowOrError("sign-in", start, e);
            return;
        }
        latencies.computeIfAbsent("sign-in (begin + check)", k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
        successes.computeIfAbsent("sign-in", k -> new AtomicInteger()).incrementAndGet();
        String bearer = signedIn.json().get("sessionToken").asText();
        Response list = timed("list", 200, () -> api.post(user.passkeys() + "/_search", bearer, Map.of()));
        if (list != null && list.json().get("result").size() != 1) {
            errors.add("list: " + list.text());
        }
        if (timed("rename", 200, () -> api.patch(user.passkeys() + "/" + passkey.passkeyId(), bearer,
                Map.of("passkeyName", "Work laptop"))) == null) {
            return;
        }
        timed("remove", 200, () -> api.delete(user.passkeys() + "/" + passkey.passkeyId(), bearer));
    }

    /**
     * A ceremony that took longer than its lifetime (a machine busy with other builds) expired as it
     * should: counted, not an error. Any other failure is one.
     */
    private void slowOrError(String operation, long start, AssertionError e) {
        if (System.nanoTime() - start > LIFETIME_NANOS) {
            successes.computeIfAbsent("expired: took longer than its lifetime", k -> new AtomicInteger()).incrementAndGet();
        } else {
            errors.add(operation + ": " + e.getMessage());
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long events(DataSource db, String type) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM passkey4j_event WHERE type = ?")) {
            s.setString(1, type);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void whenEightThreadsDoWholeCeremoniesForAWhileThenNothingFailsNothingIsLostAndNothingGrows() throws Exception {
        long seconds = Long.getLong("soak.seconds", 10);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DataSource db = pg.getPostgresDatabase();
            DemoOptions options = DemoOptions.parse("--port", "0", "--rate-limit", "off",
                    "--jdbc-url", "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                    "--jdbc-user", "postgres", "--jdbc-password", "postgres");
            DemoServer.Tuning tuning = new DemoServer.Tuning(RateLimits.Config.DEFAULTS, PURGE_INTERVAL, CEREMONY_TIMEOUT,
                    Duration.ZERO);
            try (DemoHost server = DemoHost.start(options, new FastClock(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), tuning)) {
                ApiClient api = new ApiClient(server.uri());
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    runs.add(threads.submit(() -> {
                        while (running.get()) {
                            ceremony(api, server.origin());
                        }
                        return null;
                    }));
                }
                // what the purge allows: the abandoned ceremonies not yet expired and purged, and one per thread in flight
                long window = CEREMONY_TIMEOUT.toNanos() / SPEED + 2 * PURGE_INTERVAL.toNanos() + 1_000_000_000L;
                AtomicLong maxPending = new AtomicLong();
                Queue<String> overBound = new ConcurrentLinkedQueue<>();
                Future<?> sampler = threads.submit(() -> {
                    while (running.get()) {
                        long pending = count(db, "SELECT count(*) FROM passkey4j_pending_ceremony");
                        long now = System.nanoTime();
                        long recent = abandonedAt.stream().filter(at -> now - at < window).count();
                        long bound = recent + 2L * THREADS;
                        maxPending.accumulateAndGet(pending, Math::max);
                        if (pending > bound) {
                            overBound.add(pending + " pending, bound " + bound);
                        }
                        Thread.sleep(250);
                    }
                    return null;
                });

                Thread.sleep(2000);
                long warmHeap = heapAfterGc();
                latencies.clear();
                Map<String, Integer> atWarmUp = new java.util.HashMap<>();
                successes.forEach((k, v) -> atWarmUp.put(k, v.get()));
                long start = System.nanoTime();
                Thread.sleep(seconds * 1000);
                running.set(false);
                for (Future<?> run : runs) {
                    run.get();
                }
                sampler.get();
                double elapsed = (System.nanoTime() - start) / 1e9;
                long endHeap = heapAfterGc();

                report(seconds, elapsed, atWarmUp, warmHeap, endHeap, maxPending.get());

                assertThat(errors).as("unexpected answers").isEmpty();
                assertThat(overBound).as("the pending ceremonies stayed within what the purge allows").isEmpty();
                long abandoned = successes.get("sign-in begin, abandoned").get();
                assertThat(abandoned).isPositive();
                long pendingNow = count(db, "SELECT count(*) FROM passkey4j_pending_ceremony");
                long purged = abandoned - pendingNow;
                assertThat(purged).as("the purge deleted expired ceremonies during the run").isPositive();

                assertThat(count(db, "SELECT count(*) FROM demo_user")).isEqualTo(successes.get("sign-up").get());
                assertThat(events(db, "PASSKEY_VERIFIED")).isEqualTo(successes.get("register").get());
                assertThat(events(db, "PASSKEY_SIGNED_IN")).isEqualTo(successes.get("sign-in").get());
                assertThat(events(db, "PASSKEY_RENAMED")).isEqualTo(successes.get("rename").get());
                assertThat(events(db, "PASSKEY_REMOVED")).isEqualTo(successes.get("remove").get());
                assertThat(count(db, "SELECT count(*) FROM passkey4j_passkey WHERE state = 'READY'"))
                        .isEqualTo(successes.get("register").get() - successes.get("remove").get());
                assertThat(count(db, "SELECT count(*) FROM demo_signin WHERE passkey_id IS NOT NULL"))
                        .as("the sessions of removed passkeys ended").isZero();
                assertThat((double) endHeap).as("heap after GC: %d at the end, %d after the warm-up", endHeap, warmHeap)
                        .isLessThanOrEqualTo(warmHeap * 1.2);
            }
        }
    }

    private void report(long seconds, double elapsed, Map<String, Integer> atWarmUp, long warmHeap, long endHeap,
            long maxPending) {
        StringBuilder out = new StringBuilder("\nsoak: " + THREADS + " threads, " + seconds + " s on PostgreSQL\n");
        int ceremonies = successes.get("remove").get() - atWarmUp.getOrDefault("remove", 0);
        out.append(String.format("  %d whole ceremonies, %.1f a second%n", ceremonies, ceremonies / elapsed));
        out.append(String.format("  %-28s %8s %8s %8s %8s %8s%n", "operation", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        latencies.forEach((operation, nanos) -> {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            out.append(String.format("  %-28s %8d %8.1f %8.1f %8.1f %8.1f%n", operation, sorted.size(),
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 100)));
        });
        out.append("  expired (slower than their lifetime): "
                + successes.getOrDefault("expired: took longer than its lifetime", new AtomicInteger()).get() + "\n");
        out.append(String.format("  heap after GC: %.1f MiB after the warm-up, %.1f MiB at the end%n",
                warmHeap / 1048576.0, endHeap / 1048576.0));
        out.append("  pending ceremonies at most: " + maxPending + "\n");
        System.out.println(out);
    }

    private static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
