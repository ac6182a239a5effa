package io.github.passkey4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every line of Java in the README stands in the quick start, the snippets class or (for the testing
 * sections) {@link ReadmeTestingTest}, or (Spring Security) the starter's ReadmeSpringSecurityTest, so it
 * compiles.
 */
class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLES = Path.of("src", "main", "java", "io", "github", "passkey4j", "examples");
    private static final Path QUICK_START = EXAMPLES.resolve("QuickStart.java");
    private static final Path SNIPPETS = EXAMPLES.resolve("ReadmeSnippets.java");
    private static final Path TESTING = Path.of("src", "test", "java", "io", "github", "passkey4j", "examples",
            "ReadmeTestingTest.java");
    private static final Path SPRING_SECURITY = Path.of("..", "passkey4j-spring-boot-starter", "src", "test", "java",
            "io", "github", "passkey4j", "spring", "security", "ReadmeSpringSecurityTest.java");

    private static List<String> code(String source) {
        List<String> lines = new ArrayList<>();
        for (String line : source.split("\n")) {
            String code = line.replaceAll("//.*$", "").strip().replaceAll("\\s+", " ");
            if (!code.isEmpty()) {
                lines.add(code);
            }
        }
        return lines;
    }

    @Test
    void whenTheReadmeShowsJavaThenEveryLineOfItIsInTheExamples() throws IOException {
        Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> readme = new ArrayList<>();
        while (blocks.find()) {
            readme.addAll(code(blocks.group(1)));
        }

        List<String> examples = new ArrayList<>(code(Files.readString(QUICK_START)));
        examples.addAll(code(Files.readString(SNIPPETS)));
        examples.addAll(code(Files.readString(TESTING)));
        examples.addAll(code(Files.readString(SPRING_SECURITY)));
        assertThat(readme).isNotEmpty();
        assertThat(examples).containsAll(readme);
    }
}
