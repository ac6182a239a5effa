package io.github.passkey4j.web;

import io.github.passkey4j.PasskeyException.Code;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rate limits of the routes a caller may use without signing in (a host's sign-up and sign-in, and
 * here the routes that take a registration code instead of a bearer), framework-free, on Resilience4j's {@link AtomicRateLimiter} (a permit count per period, refilled at each period's
 * start, lock-free):
 *
 * <ul>
 *   <li>requests per client address ({@value #RATE_LIMITED});
 *   <li>failed attempts per client address, and per user or login name ({@value #TOO_MANY_FAILURES}):
 *       a failure takes a permit; when none is left the next attempt waits for the period's end. The
 *       per-name period is short (a minute by default), so an attacker guessing for a name is slowed
 *       down while its real user waits at most that long.
 * </ul>
 *
 * <p>Each kind keeps at most {@link Config#maxKeys} limiters, the least recently used dropped first,
 * so that a flood of addresses or names cannot grow the memory without bound. Thread-safe.
 *
 * <p>A host calls {@link #check} once the route is known, the body is not too large and before
 * anything else (the bearer, the body, the handler), and {@link #failed} after every 4xx answer but
 * the 429s. Both refusals are a 429 {@link WebError} with {@code Retry-After} in seconds.
 */
public final class RateLimits {

    /** The reason id of a client address that used up its requests. */
    public static final String RATE_LIMITED = "PASSKEY-RATE-LIMITED";
    /** The reason id of an address, user or login name that used up its failed attempts. */
    public static final String TOO_MANY_FAILURES = "PASSKEY-TOO-MANY-FAILURES";

    /**
     * The limits.
     *
     * @param requestsPerAddress requests per address and period on the routes that need no bearer
     * @param failuresPerAddress failed attempts per address and period
     * @param failuresPerName failed attempts per user or login name and period
     * @param period the period of all three
     * @param maxKeys how many addresses (and names) each limit remembers
     */
    public record Config(int requestsPerAddress, int failuresPerAddress, int failuresPerName, Duration period, int maxKeys) {

        /**
         * The defaults: 300 requests and 100 failures a minute per address (a person needs a few, an
         * office behind one NAT address a few dozen; a loop on sign-in begin is stopped after 300), and
         * 10 failures a minute per name.
         */
        public static final Config DEFAULTS = new Config(300, 100, 10, Duration.ofMinutes(1), 20_000);

        /**
         * Validates.
         *
         * @param requestsPerAddress requests per address and period, at least 1
         * @param failuresPerAddress failed attempts per address and period, at least 1
         * @param failuresPerName failed attempts per name and period, at least 1
         * @param period the period, positive
         * @param maxKeys how many addresses (and names) each limit remembers, at least 1
         */
        public Config {
            if (requestsPerAddress < 1 || failuresPerAddress < 1 || failuresPerName < 1 || maxKeys < 1) {
                throw new IllegalArgumentException("rate limits must be at least 1");
            }
            Objects.requireNonNull(period, "period");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the rate limits' period must be positive: " + period);
            }
        }
    }

    private final Config config;
    private final Limiters requests;
    private final Limiters addressFailures;
    private final Limiters nameFailures;

    /** @param config the limits */
    public RateLimits(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.requests = new Limiters(config.requestsPerAddress(), config);
        this.addressFailures = new Limiters(config.failuresPerAddress(), config);
        this.nameFailures = new Limiters(config.failuresPerName(), config);
    }

    /**
     * Takes a request permit of the address and checks that neither the address nor the name has used
     * up its failed attempts.
     *
     * @param address the client's address
     * @param name the user or login name the request is for, when it names one
     * @throws WebError 429 when a limit is reached
     */
    public void check(String address, Optional<String> name) {
        AtomicRateLimiter perAddress = requests.get(address);
        if (!perAddress.acquirePermission()) {
            throw refusal(RATE_LIMITED, "too many requests from this address", retryAfter(perAddress));
        }
        AtomicRateLimiter failures = addressFailures.get(address);
        if (failures.getMetrics().getAvailablePermissions() <= 0) {
            throw refusal(TOO_MANY_FAILURES, "too many failed attempts", retryAfter(failures));
        }
        if (name.isPresent()) {
            AtomicRateLimiter forName = nameFailures.get(name.get());
            if (forName.getMetrics().getAvailablePermissions() <= 0) {
                throw refusal(TOO_MANY_FAILURES, "too many failed attempts", retryAfter(forName));
            }
        }
    }

    /**
     * Counts a failed attempt.
     *
     * @param address the client's address
     * @param name the user or login name it was for, when known
     */
    public void failed(String address, Optional<String> name) {
        addressFailures.get(address).acquirePermission();
        name.ifPresent(n -> nameFailures.get(n).acquirePermission());
    }

    /** @return how many limiters are kept (all kinds): at most three times {@link Config#maxKeys} */
    public int size() {
        return requests.size() + addressFailures.size() + nameFailures.size();
    }

    /** @return the limits */
    public Config config() {
        return config;
    }

    private static WebError refusal(String id, String message, long retryAfterSeconds) {
        return new WebError(429, Code.RESOURCE_EXHAUSTED, id, message + "; try again in " + retryAfterSeconds + " s",
                java.util.Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** @return whole seconds until a permit comes back, at least 1 */
    private static long retryAfter(AtomicRateLimiter limiter) {
        long nanos = limiter.getDetailedMetrics().getNanosToWait();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** One limiter per key, at most {@code maxKeys}, least recently used dropped first. */
    private static final class Limiters {
        private final RateLimiterConfig config;
        private final Map<String, AtomicRateLimiter> byKey;

        Limiters(int permits, Config limits) {
            this.config = RateLimiterConfig.custom()
                    .limitForPeriod(permits)
                    .limitRefreshPeriod(limits.period())
                    .timeoutDuration(Duration.ZERO)
                    .build();
            this.byKey = new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
                    return size() > limits.maxKeys();
                }
            };
        }

        synchronized AtomicRateLimiter get(String key) {
            return byKey.computeIfAbsent(key, k -> new AtomicRateLimiter("passkey4j", config));
        }

        synchronized int size() {
            return byKey.size();
        }
    }
}
