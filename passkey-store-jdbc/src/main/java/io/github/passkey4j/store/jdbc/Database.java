package io.github.passkey4j.store.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases {@link JdbcPasskeyStore} speaks. Pass one to
 * {@link JdbcPasskeyStore.Builder#database(Database)}, or let the store detect it from the JDBC
 * driver's {@code DatabaseMetaData#getDatabaseProductName()} on first use.
 */
public enum Database {
    /** H2 2.x, embedded or server. */
    H2("h2"),
    /** PostgreSQL 12 or later (and, untested, databases that speak its dialect). */
    POSTGRESQL("postgresql"),
    /** MySQL 8.0 or later, and MariaDB 10.6 or later: one dialect, one schema. */
    MYSQL("mysql");

    /**
     * The Liquibase changelog of the schema's versions, a classpath resource: include it from your master
     * changelog or run it on its own, with the changelog property {@code table_prefix} ({@code passkey4j_} unless
     * set). It runs the same scripts as {@link #flywayLocation()}.
     */
    public static final String LIQUIBASE_CHANGELOG = "io/github/passkey4j/store/jdbc/migration/liquibase/changelog.xml";

    /** The Flyway history table the README's configurations use, apart from the host's own. */
    public static final String FLYWAY_HISTORY_TABLE = "passkey4j_schema_history";

    private static final String RESOURCE_DIR = "io/github/passkey4j/store/jdbc/";
    /** The migrations of every database, in order; a new version is added here and in each folder. */
    private static final java.util.List<String> MIGRATIONS = java.util.List.of("V1__init.sql",
            "V2__pending_ceremony_origin.sql", "V3__passkey_extensions.sql", "V4__passkey_prf_salt.sql");

    private final String scriptName;

    Database(String scriptName) {
        this.scriptName = scriptName;
    }

    /**
     * The versioned migrations of the schema, oldest first: the scripts Flyway runs from
     * {@link #flywayLocation()}, Liquibase from {@link #LIQUIBASE_CHANGELOG}, and
     * {@link JdbcPasskeyStore#createSchema()} one after the other. They are the one definition of the
     * schema. Table and index names start with the placeholder {@code ${table_prefix}}; every script
     * only creates or adds what does not exist yet, so the whole list may run again.
     *
     * @return resource names such as {@code io/github/passkey4j/store/jdbc/migration/postgresql/V1__init.sql}
     */
    public java.util.List<String> schemaResources() {
        return MIGRATIONS.stream().map(m -> RESOURCE_DIR + "migration/" + scriptName + "/" + m).toList();
    }

    /**
     * The Flyway location of this database's versioned migrations ({@code V1__init.sql}, ...), a package of the
     * library's own, so that Flyway's recursive scan of {@code db/migration} never meets them. Run them with a
     * history table of their own ({@link #FLYWAY_HISTORY_TABLE}), the placeholder {@code table_prefix} set, and
     * {@code baselineOnMigrate(true)} with {@code baselineVersion("0")} when the schema already holds other
     * tables; see the module's README.
     *
     * @return a location such as {@code classpath:io/github/passkey4j/store/jdbc/migration/postgresql}
     */
    public String flywayLocation() {
        return "classpath:" + RESOURCE_DIR + "migration/" + scriptName;
    }

    /**
     * The classpath resource that drops the tables (and with them their indexes and all data).
     *
     * @return a resource name such as {@code io/github/passkey4j/store/jdbc/drop-postgresql.sql}
     */
    public String dropResource() {
        return RESOURCE_DIR + "drop-" + scriptName + ".sql";
    }

    /**
     * @param productName what {@code DatabaseMetaData#getDatabaseProductName()} answered
     * @return the database of that name, if this store speaks it
     */
    static Optional<Database> fromProductName(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        if (name.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return Optional.of(MYSQL);
        }
        return Optional.empty();
    }
}
