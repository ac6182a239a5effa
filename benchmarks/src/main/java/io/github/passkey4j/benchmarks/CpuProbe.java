package io.github.passkey4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A development aid, not a benchmark: CPU time and bytes allocated per operation of the
 * single-threaded operations on the in-memory store, measured with the thread's CPU clock and
 * allocation counter around the operations alone (JMH's {@code -prof gc} also counts what an
 * iteration's {@code @Setup} allocates, which for the finish benchmarks is their pool of inputs).
 * Robust on a machine other processes load (where JMH's wall-clock figures swing), so library
 * changes can be compared while profiling.
 * The README's throughput figures come from JMH; its allocation figures for finishes come from here.
 *
 * <p>{@code java -cp benchmarks.jar io.github.passkey4j.benchmarks.CpuProbe [SunEC|BC] [regex]}
 */
public final class CpuProbe {

    private CpuProbe() {
    }

    /** Prints the median over rounds of a[k] / b[k]. */
    private static void ratio(Map<String, double[]> results, String a, String b, String label) {
        if (!results.containsKey(a) || !results.containsKey(b)) {
            return;
        }
        double[] x = results.get(a);
        double[] y = results.get(b);
        double[] ratio = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            ratio[k] = x[k] / y[k];
        }
        Arrays.sort(ratio);
        System.out.printf("ratio %-42s %6.2f x (min %.2f, max %.2f)%n", label, ratio[ratio.length / 2], ratio[0],
                ratio[ratio.length - 1]);
    }

    private static String poolName(Pool<?> pool) {
        if (pool instanceof Ceremonies.NoneRegistrations) {
            return "FinishNone";
        }
        if (pool instanceof Ceremonies.PackedRegistrations) {
            return "FinishPacked";
        }
        if (pool instanceof Ceremonies.SignIns) {
            return "signInFinish";
        }
        return "registrationCeremony";
    }

    /**
     * @param args provider, then a regex of operation names
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Verifier verifier = new Verifier();
        verifier.provider = args.length > 0 ? args[0] : "SunEC";
        verifier.install();
        String filter = args.length > 1 ? args[1] : ".*";
        Env env = new Env();
        env.store = "memory";
        if (verifier.provider.equals(Verifier.BC_BUILDER)) {
            env.ecdsaVerifier = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        }
        env.open(1);
        Floor floor = new Floor();
        floor.setUp();
        Ceremonies c = new Ceremonies();
        Engine e = new Engine();
        Slot slot = new Slot();
        Ceremonies.NoneRegistrations none = new Ceremonies.NoneRegistrations();
        Ceremonies.PackedRegistrations packed = new Ceremonies.PackedRegistrations();
        Ceremonies.SignIns signIns = new Ceremonies.SignIns();
        Ceremonies.Answers answers = new Ceremonies.Answers();

        Map<String, Callable<Object>> ops = new LinkedHashMap<>();
        ops.put("engine.registrationBeginShipped", () -> e.registrationBeginShipped(floor));
        ops.put("engine.registrationFinishNoneShipped", () -> e.registrationFinishNoneShipped(floor));
        ops.put("engine.registrationBeginCached", () -> e.registrationBeginCached(floor));
        ops.put("engine.registrationBeginKept", () -> e.registrationBeginKept(floor));
        ops.put("library.registrationBegin", () -> c.registrationBegin(env, slot));
        ops.put("engine.registrationFinishNoneCached", () -> e.registrationFinishNoneCached(floor));
        ops.put("library.registrationFinishNone", () -> c.registrationFinishNone(env, none));
        ops.put("engine.registrationFinishPackedCached", () -> e.registrationFinishPackedCached(floor, verifier));
        ops.put("library.registrationFinishPacked", () -> c.registrationFinishPacked(env, verifier, packed));
        ops.put("library.registrationCeremony", () -> c.registrationCeremony(env, answers));
        ops.put("engine.signInBeginCached", () -> e.signInBeginCached(floor));
        ops.put("library.signInBegin", () -> c.signInBegin(env, slot));
        ops.put("engine.signInFinishCached", () -> e.signInFinishCached(floor, verifier));
        ops.put("library.signInFinish", () -> c.signInFinish(env, verifier, signIns));
        ops.put("library.signInCeremony", () -> c.signInCeremony(env, verifier, slot));
        ops.put("engine.ecdsaVerify", () -> e.ecdsaVerify(floor, verifier));
        ops.put("library.listPasskeys", () -> c.listPasskeys(env, slot));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long self = Thread.currentThread().getId();
        List<String> names = new ArrayList<>();
        for (String name : ops.keySet()) {
            if (name.matches(filter)) {
                names.add(name);
            }
        }
        // rounds interleave the operations, so that each sees the same machine; medians of 9 rounds
        int rounds = 12;
        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, double[]> allocated = new LinkedHashMap<>();
        for (String name : names) {
            results.put(name, new double[rounds - 3]);
            allocated.put(name, new double[rounds - 3]);
        }
        for (int round = 0; round < rounds; round++) {
            for (String name : names) {
                boolean crypto = name.matches(".*(Packed|signInFinish|signInCeremony|ecdsa).*");
                int batch = name.contains("Shipped") ? 200 : crypto ? (verifier.provider.startsWith("BC") ? 2_000 : 200) : 10_000;
                for (Pool<?> pool : new Pool<?>[] {none, packed, signIns, answers}) {
                    pool.size(name.startsWith("library") && name.contains(poolName(pool)) ? batch : 0);
                    pool.fill(env, 0);
                }
                System.gc();
                Callable<Object> op = ops.get(name);
                long bytes = allocation.getThreadAllocatedBytes(self);
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    op.call();
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                bytes = allocation.getThreadAllocatedBytes(self) - bytes;
                if (round >= 3) {
                    results.get(name)[round - 3] = cpu / 1000.0 / batch;
                    allocated.get(name)[round - 3] = (double) bytes / batch;
                }
                env.dropPending();
            }
        }
        for (Map.Entry<String, double[]> r : results.entrySet()) {
            double[] v = r.getValue().clone();
            Arrays.sort(v);
            double[] b = allocated.get(r.getKey()).clone();
            Arrays.sort(b);
            System.out.printf("%-42s %10.2f us/op cpu (min %.2f, max %.2f) %,12.0f B/op%n", r.getKey(), v[v.length / 2],
                    v[0], v[v.length - 1], b[b.length / 2]);
        }
        ratio(results, "engine.registrationBeginShipped", "engine.registrationBeginCached", "engine begin: cached / shipped");
        ratio(results, "engine.registrationFinishNoneShipped", "engine.registrationFinishNoneCached",
                "engine finish none: cached / shipped");
        ratio(results, "engine.registrationBeginKept", "library.registrationBegin",
                "library.registrationBegin: engine keeping its requests time / library time");
        ratio(results, "library.signInFinish", "engine.ecdsaVerify", "sign-in finish time / ECDSA verify time");
        ratio(results, "library.registrationFinishPacked", "engine.ecdsaVerify", "packed verify time / ECDSA verify time");
        for (String name : names) {
            String floorName = name.replace("library.", "engine.") + "Cached";
            if (name.startsWith("library.") && results.containsKey(floorName)) {
                ratio(results, floorName, name, name + ": engine time / library time");
            }
        }
        env.close();
        verifier.uninstall();
    }
}
