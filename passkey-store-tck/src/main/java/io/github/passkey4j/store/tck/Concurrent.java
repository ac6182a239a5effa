package io.github.passkey4j.store.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task on many threads released at the same moment: the race tests of the contract use it,
 * and a store's own tests may too.
 */
public final class Concurrent {

    private Concurrent() {
    }

    /**
     * A task run by each thread.
     *
     * @param <T> what it returns
     */
    public interface Task<T> {
        /**
         * Runs once on one thread.
         *
         * @param index the thread's index
         * @return its result
         * @throws Exception anything; it fails the run
         */
        T run(int index) throws Exception;
    }

    /**
     * Starts {@code threads} threads, lets them all wait at one latch, releases them together so that
     * their calls race, and collects their results (each within 120 seconds).
     *
     * @param <T> what a task returns
     * @param threads how many threads
     * @param task what each runs
     * @return the results, by thread index
     * @throws Exception the first failure of a task
     */
    public static <T> List<T> run(int threads, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(index);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
