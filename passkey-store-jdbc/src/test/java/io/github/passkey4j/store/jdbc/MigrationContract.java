package io.github.passkey4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped versioned migrations, applied by Flyway and by Liquibase themselves to a real database, make
 * exactly the catalog that {@link JdbcPasskeyStore#createSchema()} makes (tables, columns with their types, sizes
 * and nullability, primary keys, indexes with their columns and uniqueness, and collations where the database
 * keeps them), run again as no-ops, and honour the table prefix. Each database's test extends this class.
 */
abstract class MigrationContract {

    private static final String CREATED = "mig_cs_";
    private static final String FLYWAY = "mig_fw_";
    private static final String LIQUIBASE = "mig_lb_";
    private static final String HOST_HISTORY = "host_schema_history";
    private static final String LIQUIBASE_LOG = "mig_databasechangelog";
    private static final String LIQUIBASE_LOCK = "mig_databasechangeloglock";

    /** @return the database the migrations run on */
    abstract TestDatabase db();

    @BeforeEach
    void dropEverythingOfEarlierRuns() throws SQLException {
        for (String prefix : List.of(CREATED, FLYWAY, LIQUIBASE)) {
            db().store(prefix).dropSchema();
        }
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of(Database.FLYWAY_HISTORY_TABLE, HOST_HISTORY, "mig_host_account", LIQUIBASE_LOG,
                    LIQUIBASE_LOCK)) {
                s.execute("DROP TABLE IF EXISTS " + table);
                if (db().database() == Database.H2) {
                    // Flyway and Liquibase quote the names they are given; H2 keeps quoted names' case
                    s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
                    s.execute("DROP TABLE IF EXISTS \"" + table.toUpperCase(Locale.ROOT) + "\"");
                }
            }
        }
    }

    private Flyway flyway(String prefix) {
        // the configuration the README gives, with a prefix of the test's
        return Flyway.configure()
                .dataSource(db().dataSource())
                .locations(db().database().flywayLocation())
                .table(Database.FLYWAY_HISTORY_TABLE)
                .placeholders(Map.of("table_prefix", prefix))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    @Test
    void whenFlywayAppliesTheMigrationsBesideTheHostsOwnThenTheCatalogIsExactlyWhatCreateSchemaMakes() throws Exception {
        db().store(CREATED).createSchema();
        // the host's own migrations: its V1 in its own location and history table, run first
        MigrateResult host = Flyway.configure()
                .dataSource(db().dataSource())
                .locations("classpath:host-migrations")
                .table(HOST_HISTORY)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();

        MigrateResult first = flyway(FLYWAY).migrate();
        MigrateResult again = flyway(FLYWAY).migrate();

        assertThat(host.migrationsExecuted).isEqualTo(1);
        assertThat(first.migrationsExecuted).as("V1 to V4 of the library, beside the host's V1").isEqualTo(4);
        assertThat(first.targetSchemaVersion).isEqualTo("4");
        assertThat(again.migrationsExecuted).as("a second run is a no-op").isZero();
        List<String> created = catalog(CREATED);
        assertThat(created).contains(
                "index passkey.passkey_credential_uk unique (credential_id)",
                "index passkey.passkey_user_idx (user_id, state, created_at, id)",
                "primary key event (user_id, seq)");
        assertThat(created).anyMatch(line -> line.startsWith("collation passkey.id "));
        if (System.getProperty("passkey4j.printCatalog") != null) {
            created.forEach(System.out::println);
        }
        assertThat(catalog(FLYWAY)).containsExactlyElementsOf(created);
        assertThat(tableNames()).contains(FLYWAY + "passkey", "mig_host_account");
    }

    @Test
    void whenCreateSchemaMadeTheTablesThenFlywaysV1AdoptsThemAsTheyAre() throws Exception {
        db().store(CREATED).createSchema();
        JdbcPasskeyStore quickStart = db().store(FLYWAY);
        quickStart.createSchema();
        quickStart.purgeExpired(java.time.Instant.parse("2026-11-28T10:54:19.585Z"));

        MigrateResult adopted = flyway(FLYWAY).migrate();

        assertThat(adopted.migrationsExecuted).as("V1 adopts the tables, V2 to V4 find their columns there")
                .isEqualTo(4);
        assertThat(catalog(FLYWAY)).containsExactlyElementsOf(catalog(CREATED));
    }

    @Test
    void whenADatabaseOfVersion1IsUpgradedThenItsCeremoniesStayAndNewOnesKeepTheirOrigin() throws Exception {
        // a host that ran V1 before this release, with a ceremony in flight
        Flyway.configure()
                .dataSource(db().dataSource())
                .locations(db().database().flywayLocation())
                .table(Database.FLYWAY_HISTORY_TABLE)
                .placeholders(Map.of("table_prefix", FLYWAY))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .target("1")
                .load()
                .migrate();
        java.time.Instant now = java.time.Instant.parse("2026-11-28T10:54:19.585Z");
        try (Connection c = db().dataSource().getConnection();
                java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO " + FLYWAY + "pending_ceremony "
                        + "(id, kind, user_id, resource_owner, rp_id, challenge, request_json, created_at, expires_at, code_id) "
                        + "VALUES ('before-upgrade', 'AUTHENTICATION', NULL, NULL, 'example.com', ?, '{}', ?, ?, NULL)")) {
            insert.setBytes(1, new byte[16]);
            insert.setObject(2, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
            insert.setObject(3, java.time.OffsetDateTime.ofInstant(now.plusSeconds(600), java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }

        MigrateResult upgrade = flyway(FLYWAY).migrate();

        assertThat(upgrade.migrationsExecuted).as("V2, V3 and V4").isEqualTo(3);
        JdbcPasskeyStore store = db().store(FLYWAY);
        io.github.passkey4j.store.PendingCeremony old = store.findPending("before-upgrade").orElseThrow();
        assertThat(old.origin()).as("begun before the upgrade: any configured origin may finish it").isEmpty();
        io.github.passkey4j.store.PendingCeremony fresh = new io.github.passkey4j.store.PendingCeremony("after-upgrade",
                io.github.passkey4j.store.CeremonyKind.AUTHENTICATION, java.util.Optional.empty(), java.util.Optional.empty(),
                "example.com", io.github.passkey4j.store.Bytes.of(new byte[16]), "{}", now, now.plusSeconds(600),
                java.util.Optional.empty(), java.util.Optional.of("https://login.example.com"));
        store.insertPending(fresh);
        assertThat(store.findPending("after-upgrade")).contains(fresh);
        db().store(CREATED).createSchema();
        assertThat(catalog(FLYWAY)).containsExactlyElementsOf(catalog(CREATED));
    }

    @Test
    void whenLiquibaseAppliesTheChangelogThenTheCatalogIsExactlyWhatCreateSchemaMakes() throws Exception {
        db().store(CREATED).createSchema();

        int first = liquibaseUpdate(LIQUIBASE);
        int again = liquibaseUpdate(LIQUIBASE);

        assertThat(first).as("the changeSets of this database (V1 to V4), and only they").isEqualTo(4);
        assertThat(again).as("a second run is a no-op").isZero();
        assertThat(catalog(LIQUIBASE)).containsExactlyElementsOf(catalog(CREATED));
    }

    @Test
    void whenLiquibaseRunsWithoutAPrefixThenTheChangelogsDefaultIsTheStoresDefault() throws Exception {
        try (Connection c = db().dataSource().getConnection()) {
            liquibase.database.Database database = liquibaseDatabase(c);
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(Database.LIQUIBASE_CHANGELOG, new ClassLoaderResourceAccessor(), database);
            // what the update would run, without running it: the default prefix is filled in
            java.io.StringWriter sql = new java.io.StringWriter();
            updateSql(liquibase, sql);
            assertThat(sql.toString())
                    .contains("CREATE TABLE IF NOT EXISTS " + JdbcPasskeyStore.DEFAULT_TABLE_PREFIX + "passkey")
                    .doesNotContain("${table_prefix}");
        }
    }

    @SuppressWarnings("deprecation")
    private static void updateSql(Liquibase liquibase, java.io.Writer out) throws Exception {
        liquibase.update(new liquibase.Contexts(), new liquibase.LabelExpression(), out);
    }

    @Test
    void whenFlywayIsNotGivenThePrefixThenItRefusesToRun() {
        Flyway withoutPrefix = Flyway.configure()
                .dataSource(db().dataSource())
                .locations(db().database().flywayLocation())
                .table(Database.FLYWAY_HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();

        assertThatThrownBy(withoutPrefix::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("table_prefix");
    }

    @Test
    void whenTheStoreRunsOnMigratedTablesThenItWorks() {
        flyway(FLYWAY).migrate();
        JdbcPasskeyStore store = db().store(FLYWAY);

        store.purgeExpired(java.time.Instant.parse("2026-11-28T10:54:19.585Z"));
        assertThat(store.listPasskeys("nobody")).isEmpty();
    }

    // ------------------------------------------------------------------ Liquibase

    private int liquibaseUpdate(String prefix) throws Exception {
        try (Connection c = db().dataSource().getConnection()) {
            liquibase.database.Database database = liquibaseDatabase(c);
            @SuppressWarnings("deprecation")
            Liquibase liquibase = new Liquibase(Database.LIQUIBASE_CHANGELOG, new ClassLoaderResourceAccessor(), database);
            liquibase.setChangeLogParameter("table_prefix", prefix);
            int unrun = unrun(liquibase);
            update(liquibase);
            assertThat(unrun(liquibase)).isZero();
            return unrun;
        }
    }

    private static liquibase.database.Database liquibaseDatabase(Connection c) throws Exception {
        liquibase.database.Database database =
                DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        database.setDatabaseChangeLogTableName(LIQUIBASE_LOG);
        database.setDatabaseChangeLogLockTableName(LIQUIBASE_LOCK);
        return database;
    }

    @SuppressWarnings("deprecation")
    private static int unrun(Liquibase liquibase) throws Exception {
        return liquibase.listUnrunChangeSets(new liquibase.Contexts(), new liquibase.LabelExpression()).size();
    }

    @SuppressWarnings("deprecation")
    private static void update(Liquibase liquibase) throws Exception {
        liquibase.update(new liquibase.Contexts(), new liquibase.LabelExpression());
    }

    // ------------------------------------------------------------------ the catalog

    private List<String> tableNames() {
        List<String> names = new ArrayList<>();
        try (Connection c = db().dataSource().getConnection();
                ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    /**
     * @param prefix a table prefix
     * @return the catalog of the store's five tables under that prefix, the prefix taken out of every name, one
     *     sorted line per table, column, primary key, index and (where kept) collation or engine
     */
    List<String> catalog(String prefix) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = db().dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = c.getCatalog();
            String schema = c.getSchema();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                String t = strip(table, prefix);
                lines.add("table " + t);
                try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
                    while (rs.next()) {
                        lines.add("column " + t + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                                + " #" + rs.getInt("ORDINAL_POSITION")
                                + " " + rs.getString("TYPE_NAME") + " jdbc " + rs.getInt("DATA_TYPE")
                                + " size " + rs.getInt("COLUMN_SIZE") + " digits " + rs.getInt("DECIMAL_DIGITS")
                                + " nullable " + rs.getString("IS_NULLABLE")
                                + " default " + rs.getString("COLUMN_DEF"));
                    }
                }
                Map<Integer, String> pk = new TreeMap<>();
                String pkName = null;
                try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
                    while (rs.next()) {
                        pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        pkName = rs.getString("PK_NAME");
                    }
                }
                lines.add("primary key " + t + " (" + String.join(", ", pk.values()) + ")");
                lines.add("primary key name " + t + " " + (pkName == null ? null : strip(pkName, prefix)));
                Map<String, Map<Integer, String>> indexColumns = new TreeMap<>();
                Map<String, Boolean> unique = new TreeMap<>();
                try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                            continue;
                        }
                        String index = indexName(rs.getString("INDEX_NAME"), prefix);
                        indexColumns.computeIfAbsent(index, k -> new TreeMap<>())
                                .put((int) rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                    }
                }
                indexColumns.forEach((index, columns) -> lines.add("index " + t + "." + index
                        + (unique.get(index) ? " unique" : "") + " (" + String.join(", ", columns.values()) + ")"));
            }
            lines.addAll(collations(c, prefix));
        }
        lines.sort(null);
        return lines;
    }

    /** What DatabaseMetaData leaves out: the collation of every column (and engine of every table) where kept. */
    private List<String> collations(Connection c, String prefix) throws SQLException {
        List<String> lines = new ArrayList<>();
        String columns;
        switch (db().database()) {
            case POSTGRESQL -> columns = "SELECT table_name, column_name, collation_name, character_maximum_length"
                    + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE ?";
            case MYSQL -> {
                columns = "SELECT table_name, column_name, collation_name, column_type"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name LIKE ?";
                try (PreparedStatement ps = c.prepareStatement("SELECT table_name, engine, table_collation"
                        + " FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE ?")) {
                    ps.setString(1, prefix.replace("_", "\\_") + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lines.add("engine " + strip(rs.getString(1), prefix) + " " + rs.getString(2) + " "
                                    + rs.getString(3));
                        }
                    }
                }
            }
            default -> columns = "SELECT table_name, column_name, collation_name, character_maximum_length"
                    + " FROM information_schema.columns WHERE table_schema = current_schema() AND LOWER(table_name) LIKE ?";
        }
        try (PreparedStatement ps = c.prepareStatement(columns)) {
            ps.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add("collation " + strip(rs.getString(1), prefix) + "." + rs.getString(2).toLowerCase(Locale.ROOT)
                            + " " + rs.getString(3) + " " + rs.getString(4));
                }
            }
        }
        return lines;
    }

    private static String strip(String name, String prefix) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
    }

    /** H2 names a primary key's index PRIMARY_KEY_ and a number of its own choosing. */
    private static String indexName(String name, String prefix) {
        String stripped = strip(name, prefix);
        return stripped.matches("primary_key_[0-9a-z]+") ? "primary_key_*" : stripped;
    }
}
