import io.github.passkey4j.benchmarks.Stores;
import io.github.passkey4j.store.*;
import java.time.*;
import java.util.*;
/** Interleaved: sign-in finish's read as two store calls (before) and as one (after), on the embedded PostgreSQL. */
public class ReadProbe {
    public static void main(String[] a) throws Exception {
        try (Stores.Opened o = Stores.open("postgres", 4)) {
            PasskeyStore store = o.store();
            Instant now = Instant.now();
            Bytes cred = Bytes.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            StoredPasskey p = new StoredPasskey("9001", "u1", "org", "example.com", cred, Bytes.utf8("u1"),
                    Bytes.of(new byte[77]), 0, UUID.randomUUID(), List.of("internal"), true, false, true, "none", false,
                    "Laptop", PasskeyState.READY, false, now, now, Optional.empty());
            store.insertPasskey(p, new NewEvent("u1", "org", EventType.PASSKEY_VERIFIED, "9001", now), Optional.empty(), Optional.empty());
            PendingCeremony c = new PendingCeremony("c1", CeremonyKind.AUTHENTICATION, Optional.of("u1"), Optional.of("org"),
                    "example.com", Bytes.of(new byte[32]), "{\"challenge\":\"x\"}", now, now.plusSeconds(3600), Optional.empty());
            store.insertPending(c);
            var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            int n = 2000;
            List<Double> twoWall = new ArrayList<>(), oneWall = new ArrayList<>(), twoCpu = new ArrayList<>(), oneCpu = new ArrayList<>();
            for (int round = 0; round < 13; round++) {
                for (int variant = 0; variant < 2; variant++) {
                    long w0 = System.nanoTime(), c0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        if (variant == 0) {
                            if (store.findPending("c1").isEmpty() || store.findPasskeyByCredentialId(cred).isEmpty()) throw new AssertionError();
                        } else {
                            PendingAndPasskey r = store.findPendingAndPasskey("c1", cred);
                            if (r.pending().isEmpty() || r.passkey().isEmpty()) throw new AssertionError();
                        }
                    }
                    double wall = (System.nanoTime() - w0) / 1e3 / n, cpu = (bean.getCurrentThreadCpuTime() - c0) / 1e3 / n;
                    if (round >= 3) { (variant == 0 ? twoWall : oneWall).add(wall); (variant == 0 ? twoCpu : oneCpu).add(cpu); }
                }
            }
            System.out.printf("read of sign-in finish on PostgreSQL, median of 10 interleaved rounds of %d: two calls %.0f us (client thread CPU %.0f us), one call %.0f us (%.0f us); one/two %.2f%n",
                    n, med(twoWall), med(twoCpu), med(oneWall), med(oneCpu), med(oneWall) / med(twoWall));
        }
    }
    static double med(List<Double> l) { List<Double> s = new ArrayList<>(l); Collections.sort(s); return s.get(s.size() / 2); }
}
