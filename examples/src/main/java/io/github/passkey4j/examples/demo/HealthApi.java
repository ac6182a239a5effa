package io.github.passkey4j.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For container orchestrators: {@code GET /healthz} answers {@code {"status": "UP"}} while the process
 * serves; {@code GET /readyz} answers the same when the database answered {@code SELECT 1} within 1 s,
 * else 503 {@code UNAVAILABLE}. Neither needs a bearer nor is rate limited. Concurrent readiness
 * checks share one query, so a flood of them costs the pool one connection.
 */
final class HealthApi {

    private static final Logger LOG = LoggerFactory.getLogger(HealthApi.class);
    private static final Map<String, String> UP = Map.of("status", "UP");
    private static final long READY_WITHIN_MILLIS = 1000;

    private final DataSource dataSource;
    private final Executor checks = runnable -> {
        Thread t = new Thread(runnable, "demo-readiness");
        t.setDaemon(true);
        t.start();
    };
    private final AtomicReference<CompletableFuture<Boolean>> inFlight = new AtomicReference<>();

    HealthApi(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the routes (GET and HEAD) to the router. */
    void routes(Router<Endpoint> router) {
        for (String method : new String[] {"GET", "HEAD"}) {
            router.add(method, "/healthz", new Endpoint(Endpoint.Access.PUBLIC, call -> UP))
                    .add(method, "/readyz", new Endpoint(Endpoint.Access.PUBLIC, call -> ready()));
        }
    }

    private Object ready() {
        CompletableFuture<Boolean> check = inFlight.get();
        if (check == null || check.isDone()) {
            CompletableFuture<Boolean> mine = new CompletableFuture<>();
            if (inFlight.compareAndSet(check, mine)) {
                checks.execute(() -> mine.complete(query()));
                check = mine;
            } else {
                check = inFlight.get();
            }
        }
        try {
            if (check.get(READY_WITHIN_MILLIS, TimeUnit.MILLISECONDS)) {
                return UP;
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("readiness: the database did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw HttpError.notReady();
    }

    private boolean query() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1")) {
            s.setQueryTimeout(1);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("readiness: {}", e.toString());
            return false;
        }
    }
}
