package io.github.passkey4j.examples.demo;

import io.github.passkey4j.ProviderNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** Names of well-known passkey providers, from {@code provider-names.properties} beside this class. */
final class ProviderCatalog implements ProviderNames {

    private final Map<UUID, String> names;

    private ProviderCatalog(Map<UUID, String> names) {
        this.names = Map.copyOf(names);
    }

    /** @return the catalog the demo ships */
    static ProviderCatalog load() {
        Properties p = new Properties();
        try (InputStream in = ProviderCatalog.class.getResourceAsStream("provider-names.properties")) {
            if (in == null) {
                throw new IllegalStateException("provider-names.properties is missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<UUID, String> names = new HashMap<>();
        p.forEach((aaguid, name) -> names.put(UUID.fromString(aaguid.toString()), name.toString()));
        return new ProviderCatalog(names);
    }

    @Override
    public Optional<String> nameOf(UUID aaguid) {
        return Optional.ofNullable(names.get(aaguid));
    }
}
