import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.benchmarks.Env;
import io.github.passkey4j.benchmarks.Stores;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Diagnosis of the PostgreSQL registration ceremony's scaling (not a benchmark of record): for each thread
 * count, a fresh embedded PostgreSQL and store (pool threads + 2, as the JMH benchmarks), answers made before
 * the clock starts, then every thread runs addPasskey + verifyPasskey for new users for a fixed time. Reports
 * throughput, the CPU the client JVM and the PostgreSQL server (postmaster and all its processes) spent per
 * ceremony, the machine's busy share, and what the server's client backends were doing (pg_stat_activity,
 * sampled every 10 ms from a separate connection).
 *
 * usage: java -cp benchmarks.jar Scaling.java SECONDS THREADS... [-Dsetting=name=value ...]
 */
public class Scaling {
    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String setting = System.getProperty("setting");
        String pool = System.getProperty("pool");
        for (int a = 1; a < args.length; a++) {
            int threads = Integer.parseInt(args[a]);
            run(seconds, threads, setting, pool == null ? threads + 2 : Integer.parseInt(pool));
        }
    }

    static long hz = 100;

    /** utime, stime of a process (ticks), its children included. */
    static long[] split(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[13]), Long.parseLong(f[12]) + Long.parseLong(f[14])};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    static long[] serverSplit(long postmaster) throws Exception {
        long[] sum = split(postmaster);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmaster) {
                        long[] one = split(Long.parseLong(name));
                        sum[0] += one[0];
                        sum[1] += one[1];
                    }
                } catch (Exception e) {
                    // gone
                }
            }
        }
        return sum;
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** CPU ticks of the postmaster and every process whose parent it is (living ones; cutime for the dead). */
    static long serverTicks(long postmaster) throws Exception {
        long sum = ticks(postmaster);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmaster) sum += ticks(Long.parseLong(name));
                } catch (Exception e) {
                    // gone
                }
            }
        }
        return sum;
    }

    static long[] machine() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0, idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            if (i == 4 || i == 5) idle += v; else busy += v;
        }
        return new long[] {busy, idle};
    }

    static void run(int seconds, int threads, String setting, int poolSize) throws Exception {
        Env env = new Env();
        String kind = System.getProperty("store", "postgres");
        env.store = kind;
        env.opened = Stores.open(kind, poolSize);
        env.open(threads);
        boolean pg = kind.equals("postgres");
        DataSource unpooled = pg ? env.opened.database().orElseThrow().unpooled() : null;
        long postmaster = 0;
        if (pg) try (Connection c = unpooled.getConnection(); Statement s = c.createStatement()) {
            if (setting != null) {
                String[] kv = setting.split("=", 2);
                s.execute("ALTER SYSTEM SET " + kv[0] + " = '" + kv[1] + "'");
                s.execute("SELECT pg_reload_conf()");
                Thread.sleep(500);
            }
            ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'data_directory'");
            rs.next();
            postmaster = Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
            rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit','fsync','shared_buffers','max_connections','wal_level','full_page_writes') ORDER BY 1");
            StringBuilder sb = new StringBuilder();
            while (rs.next()) sb.append(rs.getString(1)).append('=').append(rs.getString(2)).append(' ');
            System.out.println("server: " + sb + "pool=" + poolSize);
        }
        // answers made before the clock starts: enough for a fast run
        int perThread = Integer.getInteger("answers", 40000) / threads;
        List<List<String>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> mine = new ArrayList<>(perThread);
            for (int i = 0; i < perThread; i++) mine.add(env.authenticator.registration(env.newCredentialId(), false));
            answers.add(mine);
        }
        // warm-up: the same work, not counted; each thread goes on through its answers where it stopped
        int[] cursor = new int[threads];
        for (int phase = 0; phase < 2; phase++) {
            boolean measured = phase == 1;
            int runFor = measured ? seconds : Integer.getInteger("warmup", 6);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong done = new AtomicLong();
            Map<String, Long> waits = new ConcurrentHashMap<>();
            AtomicLong samples = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> mine = answers.get(t);
                int thread = t;
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = cursor[thread]; !stop.get() && i < mine.size(); i++, cursor[thread] = i) {
                        PasskeyUser user = env.newUser();
                        AddPasskeyResponse added = env.fixed.addPasskey(user);
                        env.fixed.verifyPasskey(user.id(), added.passkeyId(), mine.get(i), "Laptop");
                        done.incrementAndGet();
                        if (i + 1 == mine.size()) System.out.println("WARNING: thread ran out of answers");
                    }
                });
                w.start();
                workers.add(w);
            }
            Thread sampler = new Thread(() -> {
                try (Connection c = unpooled.getConnection(); Statement s = c.createStatement()) {
                    while (!stop.get()) {
                        try (ResultSet rs = s.executeQuery("SELECT state, coalesce(wait_event_type, 'on CPU'), "
                                + "coalesce(wait_event, '-') FROM pg_stat_activity WHERE backend_type = 'client backend' "
                                + "AND pid <> pg_backend_pid()")) {
                            int active = 0;
                            while (rs.next()) {
                                if ("active".equals(rs.getString(1))) {
                                    active++;
                                    waits.merge(rs.getString(2) + ":" + rs.getString(3), 1L, Long::sum);
                                } else {
                                    waits.merge("(" + rs.getString(1) + ")", 1L, Long::sum);
                                }
                            }
                            waits.merge("#active=" + active, 1L, Long::sum);
                        }
                        samples.incrementAndGet();
                        Thread.sleep(10);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long pg0 = pg ? serverTicks(postmaster) : 0;
            long self = ProcessHandle.current().pid();
            long[] c0 = split(self);
            long[] s0 = pg ? serverSplit(postmaster) : new long[2];
            long[] m0 = machine();
            double load0 = os.getSystemLoadAverage();
            var compiler = ManagementFactory.getCompilationMXBean();
            long jit0 = compiler.getTotalCompilationTime();
            long gc0 = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> g.getCollectionTime()).sum();
            long t0 = System.nanoTime();
            if (measured && pg) sampler.start();
            start.countDown();
            Thread.sleep(runFor * 1000L);
            stop.set(true);
            for (Thread w : workers) w.join();
            long t1 = System.nanoTime();
            long cpu1 = os.getProcessCpuTime();
            long pg1 = pg ? serverTicks(postmaster) : 0;
            long[] c1 = split(self);
            long[] s1 = pg ? serverSplit(postmaster) : new long[2];
            long[] m1 = machine();
            if (measured && pg) sampler.join();
            if (!measured) continue;
            double secs = (t1 - t0) / 1e9;
            long jit = compiler.getTotalCompilationTime() - jit0;
            long gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> g.getCollectionTime()).sum() - gc0;
            System.out.printf("  in the measured %.1f s: JIT compiling %d ms, GC pauses %d ms; client user/system %d/%d ticks, "
                    + "server user/system %d/%d ticks%n", secs, jit, gc, c1[0] - c0[0], c1[1] - c0[1], s1[0] - s0[0], s1[1] - s0[1]);
            long n = done.get();
            double clientUs = (cpu1 - cpu0) / 1e3 / n;
            double serverUs = (pg1 - pg0) * (1e6 / hz) / n;
            double busy = (m1[0] - m0[0]) / (double) ((m1[0] - m0[0]) + (m1[1] - m0[1]));
            System.out.printf(kind + " threads=%d pool=%d: %.0f ceremonies/s (%d in %.1f s); CPU per ceremony: client %.0f us, "
                    + "server %.0f us, sum %.0f us; client %.2f cores, server %.2f cores; machine busy %.0f%% of 2 cores; "
                    + "load %.2f%n", threads, poolSize, n / secs, n, secs, clientUs, serverUs, clientUs + serverUs,
                    (cpu1 - cpu0) / 1e9 / secs, (pg1 - pg0) / (double) hz / secs, 100 * busy, load0);
            Map<String, Long> sorted = new TreeMap<>(waits);
            StringBuilder sb = new StringBuilder("  backends per sample (" + samples.get() + " samples): ");
            sorted.forEach((k, v) -> sb.append(k).append(' ').append(String.format("%.2f", v / (double) samples.get())).append("; "));
            System.out.println(sb);
        }
        env.opened.close();
    }
}
