package io.github.passkey4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark with 1, 2 and 8 threads in one go, with {@code -prof gc}, and writes the
 * results: JMH's JSON per thread count, and {@code results.md} with the table and the ratios the
 * targets are stated in.
 *
 * <pre>
 * java -cp benchmarks.jar io.github.passkey4j.benchmarks.Suite [--out DIR] [--threads 1,2,8]
 *     [--warmup 3] [--warmup-time 2] [--iterations 5] [--time 2]
 *     [--jobs memory|jdbc|engine|storecalls|targets (a regex; all but targets by default)]
 *     [--jvm /path/to/bin/java (the forks' JVM; this one by default)]
 * </pre>
 */
public final class Suite {

    private Suite() {
    }

    /**
     * @param args see the class comment
     * @throws RunnerException when JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path out = Path.of(a.getOrDefault("out", "benchmarks/results/latest"));
        int[] threads = Arrays.stream(a.getOrDefault("threads", "1,2,8").split(",")).mapToInt(Integer::parseInt).toArray();
        String include = a.get("jobs");
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
        int warmupTime = Integer.parseInt(a.getOrDefault("warmup-time", "2"));
        int iterations = Integer.parseInt(a.getOrDefault("iterations", "5"));
        int time = Integer.parseInt(a.getOrDefault("time", "2"));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant started = Instant.now();
        String loadBefore = load();
        List<Row> rows = new ArrayList<>();
        for (int t : threads) {
            for (Job job : jobs(include)) {
                ChainedOptionsBuilder options = new OptionsBuilder()
                        .include(job.include)
                        .threads(t)
                        .forks(1)
                        .warmupIterations(warmup)
                        .warmupTime(TimeValue.seconds(warmupTime))
                        .measurementIterations(iterations)
                        .measurementTime(TimeValue.seconds(time))
                        .addProfiler(GCProfiler.class)
                        .resultFormat(ResultFormatType.JSON)
                        .result(out.resolve("jmh-threads-" + t + "-" + job.name + ".json").toString());
                job.params.forEach((k, v) -> options.param(k, v));
                if (a.containsKey("jvm")) {
                    options.jvm(a.get("jvm"));
                }
                Collection<RunResult> results = new Runner(options.build()).run();
                for (RunResult r : results) {
                    rows.add(Row.of(r, t));
                }
            }
        }
        String loadAfter = load();
        String jvm = a.containsKey("jvm") ? forkJvm(a.get("jvm"))
                : System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        String report = report(rows, started, Instant.now(), loadBefore, loadAfter, String.join(" ", args), jvm);
        try {
            Files.writeString(out.resolve("results.md"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(report);
    }

    /** One JMH run of the suite: which benchmarks, with which parameter values. */
    record Job(String name, String include, Map<String, String[]> params) {
    }

    /**
     * The in-memory store with both ECDSA providers; the JDBC stores with BouncyCastle's (the
     * configuration the README recommends, and where the database's share shows most); the engine's
     * floors; the store's calls beside bare JDBC.
     */
    static List<Job> jobs(String include) {
        String c = "io\\.github\\.passkey4j\\.benchmarks\\.";
        List<Job> jobs = List.of(
                new Job("memory", c + "Ceremonies\\..*", Map.of("store", new String[] {"memory"})),
                new Job("jdbc", c + "Ceremonies\\..*", Map.of("store", new String[] {"h2", "postgres"},
                        "provider", new String[] {"BC"})),
                new Job("engine", c + "Engine\\..*", Map.of()),
                new Job("storecalls", c + "StoreCalls\\..*", Map.of()),
                // the performance targets alone, in-memory, beside their floors: the JDK's ECDSA and BouncyCastle's
                // given with the builder's one call (the floors take BouncyCastle JVM-wide then)
                new Job("targets", c + "(Ceremonies\\.(registrationBegin|registrationFinishNone|registrationFinishPacked|"
                        + "signInFinish)|Engine\\.(registrationBeginKept|registrationBeginCached|"
                        + "registrationFinishNoneCached|ecdsaVerify))$",
                        Map.of("store", new String[] {"memory"}, "provider", new String[] {"SunEC", Verifier.BC_BUILDER})));
        List<Job> selected = new ArrayList<>();
        for (Job j : jobs) {
            if (include == null ? !j.name.equals("targets") : j.name.matches(include)) {
                selected.add(j);
            }
        }
        return selected;
    }

    /** One result. */
    record Row(String benchmark, String params, int threads, double score, double error, double allocPerOp) {

        static Row of(RunResult r, int threads) {
            String name = r.getParams().getBenchmark().replace("io.github.passkey4j.benchmarks.", "");
            List<String> params = new ArrayList<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.add(key + "=" + r.getParams().getParam(key));
            }
            Result<?> primary = r.getPrimaryResult();
            double alloc = Double.NaN;
            for (String key : r.getSecondaryResults().keySet()) {
                if (key.endsWith("gc.alloc.rate.norm")) {
                    alloc = r.getSecondaryResults().get(key).getScore();
                }
            }
            return new Row(name, String.join(" ", params), threads, primary.getScore(), primary.getScoreError(), alloc);
        }

        boolean is(String benchmark, String... params) {
            if (!this.benchmark.equals(benchmark)) {
                return false;
            }
            for (String p : params) {
                if (!(" " + this.params + " ").contains(" " + p + " ")) {
                    return false;
                }
            }
            return true;
        }
    }

    private static Optional<Row> find(List<Row> rows, int threads, String benchmark, String... params) {
        return rows.stream().filter(r -> r.threads == threads && r.is(benchmark, params)).findFirst();
    }

    /** The forks' JVM as {@code java -version} names it. */
    private static String forkJvm(String java) {
        try {
            Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String name = "";
            String version = "";
            for (String line : out.split("\n")) {
                String l = line.trim();
                if (l.startsWith("java.vm.name = ")) {
                    name = l.substring("java.vm.name = ".length());
                } else if (l.startsWith("java.runtime.version = ")) {
                    version = l.substring("java.runtime.version = ".length());
                }
            }
            return name + " " + version + " (" + java + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java;
        }
    }

    static String report(List<Row> rows, Instant started, Instant ended, String loadBefore, String loadAfter, String args,
            String jvm) {
        StringBuilder md = new StringBuilder();
        md.append("# passkey4j benchmark results\n\n");
        md.append("- Date: ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC)))
                .append(" UTC, ").append(Duration.between(started, ended).toMinutes()).append(" minutes\n");
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- JVM: ").append(jvm).append(", forks with -Xms3g -Xmx3g\n");
        md.append("- Load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAfter).append('\n');
        md.append("- Command: `java -cp benchmarks/target/benchmarks.jar io.github.passkey4j.benchmarks.Suite ")
                .append(args).append("`\n");
        md.append("- Scores are throughput in operations per second, all threads together, with JMH's 99.9% confidence "
                + "interval over the measurement iterations of one fork; alloc is bytes allocated per operation "
                + "(`-prof gc`, `gc.alloc.rate.norm`).\n\n");

        md.append("## Ratios (the targets)\n\n");
        md.append("| ratio | threads | value | target |\n|---|---|---|---|\n");
        for (int t : rows.stream().mapToInt(Row::threads).distinct().sorted().toArray()) {
            ratio(md, rows, t, "registration begin, in-memory / engine (cached mapper)", "Ceremonies.registrationBegin",
                    new String[] {"store=memory"}, "Engine.registrationBeginCached", new String[] {}, "", false);
            ratio(md, rows, t, "registration begin, in-memory / engine keeping its requests (cached mapper)",
                    "Ceremonies.registrationBegin", new String[] {"store=memory"}, "Engine.registrationBeginKept",
                    new String[] {}, ">= 0.85", false);
            ratio(md, rows, t, "registration finish 'none', in-memory / engine (cached mapper)",
                    "Ceremonies.registrationFinishNone", new String[] {"store=memory"}, "Engine.registrationFinishNoneCached",
                    new String[] {}, ">= 0.85", false);
            ratio(md, rows, t, "engine begin: cached mapper / as shipped", "Engine.registrationBeginCached", new String[] {},
                    "Engine.registrationBeginShipped", new String[] {}, ">= 100", false);
            ratio(md, rows, t, "engine finish 'none': cached mapper / as shipped", "Engine.registrationFinishNoneCached",
                    new String[] {}, "Engine.registrationFinishNoneShipped", new String[] {}, ">= 10", false);
            for (String provider : new String[] {"SunEC", "BC", Verifier.BC_BUILDER}) {
                ratio(md, rows, t, "sign-in finish time / one ECDSA verify, in-memory, " + provider,
                        "Ceremonies.signInFinish", new String[] {"store=memory", "provider=" + provider}, "Engine.ecdsaVerify",
                        new String[] {"provider=" + provider}, "<= 1.25", true);
                ratio(md, rows, t, "packed verify time / one ECDSA verify, in-memory, " + provider,
                        "Ceremonies.registrationFinishPacked", new String[] {"store=memory", "provider=" + provider},
                        "Engine.ecdsaVerify", new String[] {"provider=" + provider}, "<= 1.3", true);
                ratio(md, rows, t, "sign-in ceremony, PostgreSQL / in-memory, " + provider, "Ceremonies.signInCeremony",
                        new String[] {"store=postgres", "provider=" + provider}, "Ceremonies.signInCeremony",
                        new String[] {"store=memory", "provider=" + provider}, t == 8 ? ">= 0.5" : "", false);
            }
            for (String bc : new String[] {"BC", Verifier.BC_BUILDER}) {
                ratio(md, rows, t, "ECDSA verify, BouncyCastle / SunEC (" + bc + ")", "Engine.ecdsaVerify",
                        new String[] {"provider=" + bc}, "Engine.ecdsaVerify", new String[] {"provider=SunEC"}, "", false);
            }
            ratio(md, rows, t, "registration ceremony, PostgreSQL / in-memory", "Ceremonies.registrationCeremony",
                    new String[] {"store=postgres"}, "Ceremonies.registrationCeremony", new String[] {"store=memory"},
                    t == 8 ? ">= 0.5" : "", false);
            for (String db : new String[] {"h2", "postgres"}) {
                for (String call : new String[] {"findPending", "findPasskey", "listPasskeys", "insertPending"}) {
                    ratio(md, rows, t, "store / bare JDBC, " + call + ", " + db, "StoreCalls." + call + "Store",
                            new String[] {"db=" + db}, "StoreCalls." + call + "Bare", new String[] {"db=" + db}, "", false);
                }
            }
        }

        md.append("\n## All figures\n\n");
        md.append("| benchmark | parameters | threads | ops/s | ± (99.9%) | alloc B/op |\n|---|---|---|---|---|---|\n");
        Map<String, Row> sorted = new TreeMap<>();
        for (Row r : rows) {
            sorted.put(r.benchmark + " " + r.params + " " + String.format(Locale.ROOT, "%02d", r.threads), r);
        }
        for (Row r : sorted.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s |%n", r.benchmark, r.params.isEmpty() ? "" : r.params,
                    r.threads, num(r.score), num(r.error), Double.isNaN(r.allocPerOp) ? "" : num(r.allocPerOp)));
        }
        return md.toString();
    }

    /** Appends a ratio a/b of scores (or b/a when {@code inverse}: a time ratio from throughputs). */
    private static void ratio(StringBuilder md, List<Row> rows, int threads, String label, String a, String[] aParams,
            String b, String[] bParams, String target, boolean inverse) {
        Optional<Row> x = find(rows, threads, a, aParams);
        Optional<Row> y = find(rows, threads, b, bParams);
        if (x.isEmpty() || y.isEmpty()) {
            return;
        }
        double value = inverse ? y.get().score / x.get().score : x.get().score / y.get().score;
        // the interval of the ratio from the two intervals (worst case of the ends)
        double lo;
        double hi;
        if (inverse) {
            lo = (y.get().score - y.get().error) / (x.get().score + x.get().error);
            hi = (y.get().score + y.get().error) / Math.max(1e-9, x.get().score - x.get().error);
        } else {
            lo = (x.get().score - x.get().error) / (y.get().score + y.get().error);
            hi = (x.get().score + x.get().error) / Math.max(1e-9, y.get().score - y.get().error);
        }
        boolean narrow = x.get().error < x.get().score && y.get().error < y.get().score;
        md.append(String.format(Locale.ROOT, "| %s | %d | %.2f %s | %s |%n", label, threads, value,
                narrow ? String.format(Locale.ROOT, "(%.2f to %.2f)", lo, hi) : "(an interval wider than a score)", target));
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + ", "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1] + ", "
                    + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // leave it unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%s, %d CPUs, %d GiB, %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                Math.round(memory / (1024.0 * 1024 * 1024)), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    static String joined(List<String> parts) {
        return parts.stream().collect(Collectors.joining(", "));
    }
}
