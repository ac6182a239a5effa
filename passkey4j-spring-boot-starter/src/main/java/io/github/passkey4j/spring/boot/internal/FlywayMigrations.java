package io.github.passkey4j.spring.boot.internal;

import io.github.passkey4j.store.jdbc.Database;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Runs the JDBC store's shipped migrations; only loaded when Flyway is on the class path. */
public final class FlywayMigrations {

    private FlywayMigrations() {
    }

    /**
     * Applies the store's versioned migrations with their own history table, beside (never mixed
     * with) the application's own Flyway migrations.
     *
     * @param dataSource where the tables go
     * @param database the database's dialect
     * @param tablePrefix the prefix of the store's tables
     */
    public static void migrate(DataSource dataSource, Database database, String tablePrefix) {
        Flyway.configure(FlywayMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(database.flywayLocation())
                .table(Database.FLYWAY_HISTORY_TABLE)
                .placeholders(Map.of("table_prefix", tablePrefix))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
