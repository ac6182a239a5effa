package io.github.passkey4j.benchmarks;

import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.PasskeyStore;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** The stores the benchmarks run on, opened fresh for each JMH trial. */
public final class Stores {

    private Stores() {
    }

    /** An opened store and what it needs closing. */
    public interface Opened extends AutoCloseable {
        /** @return the store */
        PasskeyStore store();

        /** @return the pooled data source of a JDBC store */
        Optional<DataSource> dataSource();

        /** @return the database, for bare round trips */
        Optional<Databases.Database> database();

        @Override
        void close();
    }

    /**
     * @param kind {@code memory}, {@code h2} or {@code postgres}
     * @param poolSize connections a JDBC store may use
     * @return the opened store, empty
     */
    public static Opened open(String kind, int poolSize) {
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "memory":
                InMemoryPasskeyStore store = new InMemoryPasskeyStore();
                return new Opened() {
                    @Override
                    public PasskeyStore store() {
                        return store;
                    }

                    @Override
                    public Optional<DataSource> dataSource() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<Databases.Database> database() {
                        return Optional.empty();
                    }

                    @Override
                    public void close() {
                    }
                };
            case "h2":
            case "postgres":
                return JdbcStores.open(Databases.start(kind, poolSize));
            default:
                throw new IllegalArgumentException("store must be memory, h2 or postgres: " + kind);
        }
    }
}
