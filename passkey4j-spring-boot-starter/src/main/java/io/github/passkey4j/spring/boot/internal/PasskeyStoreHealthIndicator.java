package io.github.passkey4j.spring.boot.internal;

import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the passkey store answers a read of its passkey table; DOWN with the error's type when it
 * does not (database down, tables missing). Reports the store's kind, never data.
 */
public final class PasskeyStoreHealthIndicator extends AbstractHealthIndicator {

    /** A user id no host gives out: the read finds nothing, but needs the table. */
    private static final String PROBE_USER = "passkey4j-health-probe";

    private final PasskeyStore store;

    /** @param store the store to probe */
    public PasskeyStoreHealthIndicator(PasskeyStore store) {
        super("passkey4j store health check failed");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("store", store.getClass().getSimpleName());
        if (store instanceof JdbcPasskeyStore jdbc) {
            builder.withDetail("database", jdbc.database().name());
        }
        store.listPasskeys(PROBE_USER);
        builder.up();
    }
}
