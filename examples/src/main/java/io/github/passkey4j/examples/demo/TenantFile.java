package io.github.passkey4j.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.RelyingPartyResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's tenants beyond its own relying party ({@code --tenants FILE}): a JSON file
 * {@code {"<rp id>": {"name": "...", "origins": ["https://..."]}}}, read again whenever it changes, so
 * that tenants come and go while the demo runs, as a multi-tenant host's would. A file that cannot be
 * read keeps the tenants read last (and says why in the log).
 */
final class TenantFile implements RelyingPartyResolver {

    private static final Logger LOG = LoggerFactory.getLogger(TenantFile.class);

    private final Path file;
    private final ObjectMapper json;
    private FileTime readAt;
    private Map<String, RelyingPartyConfig> tenants = Map.of();

    TenantFile(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--tenants: cannot read " + file);
        }
        current();
    }

    @Override
    public Optional<RelyingPartyConfig> resolve(Optional<String> rpId, Optional<String> origin) {
        Map<String, RelyingPartyConfig> now = current();
        if (rpId.isPresent()) {
            return Optional.ofNullable(now.get(rpId.get()));
        }
        return now.values().stream().filter(t -> origin.filter(t.allowedOrigins()::contains).isPresent()).findFirst();
    }

    /** The tenants, read again when the file's modification time changed. */
    private synchronized Map<String, RelyingPartyConfig> current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(readAt)) {
                return tenants;
            }
            Map<String, RelyingPartyConfig> read = new LinkedHashMap<>();
            JsonNode root = json.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("not a JSON object of RP ids");
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                List<String> origins = new ArrayList<>();
                e.getValue().path("origins").forEach(o -> origins.add(o.asText()));
                read.put(e.getKey(), RelyingPartyConfig.of(e.getKey(), e.getValue().path("name").asText(e.getKey()),
                        origins.toArray(String[]::new)));
            }
            tenants = Map.copyOf(read);
            readAt = modified;
            LOG.info("tenants from {}: {}", file, tenants.keySet());
        } catch (IOException | IllegalArgumentException e) {
            if (readAt == null) {
                throw new IllegalArgumentException("--tenants: " + file + ": " + e.getMessage(), e);
            }
            LOG.warn("tenants: {} cannot be read ({}); keeping the tenants read before", file, e.getMessage());
        }
        return tenants;
    }
}
