package io.github.passkey4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void whenTheQuickStartRunsThenItPrintsAnAddPasskeyResponseInTheSeedsShape() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(out);
        }

        JsonNode response = JSON.readTree(printed.toString(StandardCharsets.UTF_8));
        assertThat(fieldNames(response)).containsExactly("key", "details");
        assertThat(fieldNames(response.get("key"))).containsExactly("id", "publicKey");
        assertThat(fieldNames(response.get("details"))).containsExactly("sequence", "creationDate", "changeDate", "resourceOwner");
        assertThat(response.at("/details/sequence").asText()).isEqualTo("1");
        assertThat(response.at("/details/resourceOwner").asText()).isEqualTo("69629023906488334");
        assertThat(response.at("/details/creationDate").asText()).isEqualTo(response.at("/details/changeDate").asText());
        JsonNode options = JSON.readTree(Base64.getDecoder().decode(response.at("/key/publicKey").asText()));
        assertThat(options.at("/publicKey/user/name").asText()).isEqualTo("testuser55@acme.test");
        assertThat(options.at("/publicKey/user/displayName").asText()).isEqualTo("Test Test");
        assertThat(options.at("/publicKey/rp/id").asText()).isEqualTo("localhost");
        assertThat(options.at("/publicKey/challenge").asText()).matches("[A-Za-z0-9_-]{43}");
    }
}
