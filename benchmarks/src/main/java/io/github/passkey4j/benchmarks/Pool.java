package io.github.passkey4j.benchmarks;

import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inputs made before an iteration (outside the measurement) and used up one per operation, for
 * operations that consume something: a finish takes its pending ceremony.
 *
 * <p>The size adapts: after each iteration it becomes one and a half times what the iteration used (it
 * never shrinks), so warm-up iterations find the size and measurement iterations do not run dry even
 * when the machine speeds up between iterations. (It was three times: a pool of finished-to-be
 * registrations then held about a gigabyte, and the collector's work on it was in the figure.) If one does run dry, the
 * operation makes its input inline (which the measurement then includes) and the iteration's
 * teardown logs a WARN saying so; that iteration's figure is then a lower bound.
 *
 * @param <T> the input
 */
public abstract class Pool<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);

    private Object[] items = new Object[0];
    private int cursor;
    private int size;
    private long dry;
    private boolean sized;

    /** @param initialSize the first iteration's size */
    protected Pool(int initialSize) {
        this.size = initialSize;
    }

    /** @param size the next fill's size */
    void size(int size) {
        this.size = size;
    }

    /**
     * @param env the environment
     * @param thread the JMH thread index
     * @return one new input
     */
    protected abstract T make(Env env, int thread);

    /**
     * Fills the pool; call from an {@code @Setup(Level.Iteration)} method.
     *
     * @param env the environment
     * @param thread the JMH thread index
     */
    protected void fill(Env env, int thread) {
        if (!sized) {
            // a first guess per store; the iterations' use decides from then on
            size = env.store.equals("memory") ? size : Math.max(64, size / 16);
            sized = true;
        }
        items = new Object[size];
        for (int i = 0; i < size; i++) {
            items[i] = make(env, thread);
        }
        cursor = 0;
        dry = 0;
        // the inputs (and the ceremonies begun for them) go to the old generation now, so that the measured
        // iteration's young collections do not copy them: a full collection, before the measurement
        System.gc();
    }

    /**
     * @param env the environment
     * @param thread the JMH thread index
     * @return the next input
     */
    @SuppressWarnings("unchecked")
    protected T take(Env env, int thread) {
        if (cursor < items.length) {
            T item = (T) items[cursor];
            items[cursor++] = null;
            return item;
        }
        dry++;
        return make(env, thread);
    }

    /**
     * Adapts the size; call from a {@code @TearDown(Level.Iteration)} method.
     *
     * @param iteration the iteration that ended
     * @param what the pool's name, for the warning
     */
    protected void adapt(IterationParams iteration, String what) {
        long used = cursor + dry;
        if (dry > 0 && iteration.getType() == IterationType.MEASUREMENT) {
            LOG.warn("{} ran dry: {} of {} inputs were made inside the measurement", what, dry, used);
        }
        size = (int) Math.min(max(), Math.max(size, used + used / 2));
        items = new Object[0];
    }

    /** @return the most inputs the pool may hold at once (what its ceremonies' store keeps open) */
    protected int max() {
        return Integer.MAX_VALUE - 8;
    }
}
