package io.github.passkey4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportsTest {

    @Test
    void whenTransportsAreStoredThenAnyListReadsBackUnchanged() {
        for (List<String> transports : List.of(List.<String>of(), List.of(""), List.of("", ""),
                List.of("internal", "hybrid"), List.of("a,b", "c\\", "\\,", ",", "\uD83D\uDD11"))) {
            assertThat(Transports.decode(Transports.encode(transports))).isEqualTo(transports);
        }
        assertThat(Transports.encode(List.of("internal", "hybrid"))).isEqualTo("internal,hybrid,");
    }
}
