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

/** The README's Java is the quick start's, line for line, so it compiles and runs. */
class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path QUICK_START = Path.of("src", "main", "java", "io", "github", "passkey4j", "examples",
            "QuickStart.java");

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
    void whenTheReadmeShowsJavaThenEveryLineOfItIsInTheQuickStart() throws IOException {
        Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> readme = new ArrayList<>();
        while (blocks.find()) {
            readme.addAll(code(blocks.group(1)));
        }

        assertThat(readme).isNotEmpty();
        assertThat(code(Files.readString(QUICK_START))).containsAll(readme);
    }
}
