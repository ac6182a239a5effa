package io.github.passkey4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** The databases: H2 embedded in file mode, and a real PostgreSQL server started from a jar. */
public final class Databases {

    private Databases() {
    }

    /** A started database with a connection pool in front of it. */
    public interface Database extends AutoCloseable {
        /** @return {@code h2} or {@code postgres} */
        String kind();

        /** @return the pool */
        HikariDataSource pool();

        /** @return a data source that opens a new physical connection each time (no pool) */
        DataSource unpooled();

        @Override
        void close();
    }

    /**
     * @param kind {@code h2} or {@code postgres}
     * @param poolSize the pool's size
     * @return the started database
     */
    public static Database start(String kind, int poolSize) {
        if (kind.equals("h2")) {
            return h2(poolSize);
        }
        if (kind.equals("postgres")) {
            return postgres(poolSize);
        }
        throw new IllegalArgumentException(kind);
    }

    private static HikariDataSource pool(String name, DataSource target, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(target);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    private static Database h2(int poolSize) {
        Path dir;
        try {
            dir = Files.createTempDirectory("passkey4j-bench-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        // file mode, the engine's defaults otherwise (MVStore, durable commits)
        h2.setURL("jdbc:h2:file:" + dir.resolve("passkeys").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("");
        HikariDataSource pool = pool("h2", h2, poolSize);
        return new Database() {
            @Override
            public String kind() {
                return "h2";
            }

            @Override
            public HikariDataSource pool() {
                return pool;
            }

            @Override
            public DataSource unpooled() {
                return h2;
            }

            @Override
            public void close() {
                try (java.sql.Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (java.sql.SQLException e) {
                    // closing anyway
                }
                pool.close();
                deleteQuietly(dir);
            }
        };
    }

    private static Database postgres(int poolSize) {
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    // a server for benchmarks: as shipped, except enough connections for 8 threads and setup
                    .setServerConfig("max_connections", "64")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        DataSource target = pg.getPostgresDatabase();
        HikariDataSource pool = pool("postgres", target, poolSize);
        return new Database() {
            @Override
            public String kind() {
                return "postgres";
            }

            @Override
            public HikariDataSource pool() {
                return pool;
            }

            @Override
            public DataSource unpooled() {
                return target;
            }

            @Override
            public void close() {
                pool.close();
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
