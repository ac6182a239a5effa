package io.github.passkey4j.spring.boot.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts and times passkey4j's operations in Micrometer: {@value #CEREMONIES} (a counter tagged
 * {@code operation}, {@code outcome} {@code success} or {@code failure}, and {@code reason}, the
 * failure's reason id or {@code none}) and {@value #OPERATIONS} (a timer tagged {@code operation} and
 * {@code outcome}). Tags take values from fixed sets only (operations and reason ids), never user
 * or passkey ids, so the number of series stays bounded.
 */
public final class PasskeyMetrics implements PasskeyListener {

    /** The counter's name. */
    public static final String CEREMONIES = "passkey4j.ceremonies";
    /** The timer's name. */
    public static final String OPERATIONS = "passkey4j.operations";

    private final MeterRegistry registry;

    /** @param registry where the meters go */
    public PasskeyMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onOutcome(Outcome outcome) {
        String operation = outcome.operation().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String result = outcome.succeeded() ? "success" : "failure";
        Counter.builder(CEREMONIES)
                .description("passkey4j operations by outcome and reason")
                .tag("operation", operation)
                .tag("outcome", result)
                .tag("reason", outcome.failure().map(ErrorReason::id).orElse("none"))
                .register(registry)
                .increment();
        Timer.builder(OPERATIONS)
                .description("how long passkey4j operations take")
                .tag("operation", operation)
                .tag("outcome", result)
                .register(registry)
                .record(outcome.duration());
    }
}
