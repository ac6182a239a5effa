package io.github.passkey4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The versioned migrations are the one definition of the schema: createSchema() runs exactly the scripts in
 * each database's Flyway location, in version order, and the three databases have the same versions.
 */
class SchemaResourcesTest {

    private static List<String> folder(Database database) throws IOException, URISyntaxException {
        String location = database.flywayLocation().substring("classpath:".length());
        URL url = SchemaResourcesTest.class.getClassLoader().getResource(location);
        assertThat(url).as(location).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> location + "/" + p.getFileName()).filter(n -> n.endsWith(".sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    private static int version(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @Test
    void createSchemaRunsEveryMigrationOfTheFlywayLocationInOrder() throws Exception {
        for (Database database : Database.values()) {
            assertThat(database.schemaResources()).as(database.name()).isEqualTo(folder(database));
            assertThat(database.schemaResources().get(0)).endsWith("/V1__init.sql");
        }
    }

    @Test
    void theDatabasesHaveTheSameVersions() {
        List<String> h2 = Database.H2.schemaResources().stream().map(r -> r.substring(r.lastIndexOf('/'))).toList();
        assertThat(Database.POSTGRESQL.schemaResources().stream().map(r -> r.substring(r.lastIndexOf('/'))))
                .containsExactlyElementsOf(h2);
        assertThat(Database.MYSQL.schemaResources().stream().map(r -> r.substring(r.lastIndexOf('/'))))
                .containsExactlyElementsOf(h2);
    }
}
