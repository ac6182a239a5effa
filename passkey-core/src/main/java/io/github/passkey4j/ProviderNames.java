package io.github.passkey4j;

import io.github.passkey4j.internal.AaguidNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Names authenticator models by AAGUID ("Google Password Manager", "Apple Passwords", "Windows
 * Hello", ...), for lists. {@link Passkeys} uses {@link #bundled()} unless told otherwise.
 *
 * <p>A name is what the authenticator claims to be (the AAGUID is not proof unless the attestation
 * was trusted); show it to help users tell their passkeys apart, never to make a security decision.
 */
@FunctionalInterface
public interface ProviderNames {

    /**
     * @param aaguid an authenticator model
     * @return its name, where known
     */
    Optional<String> nameOf(UUID aaguid);

    /**
     * @param fallback the names to ask when this one knows none
     * @return names from this, else from {@code fallback}
     */
    default ProviderNames orElse(ProviderNames fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return aaguid -> {
            Optional<String> name = nameOf(aaguid);
            return name.isPresent() ? name : fallback.nameOf(aaguid);
        };
    }

    /** @return names nothing */
    static ProviderNames none() {
        return aaguid -> Optional.empty();
    }

    /**
     * The community-maintained list of passkey providers bundled with the library
     * (passkeydeveloper/passkey-authenticator-aaguids; source, commit, date and licence in
     * {@code io/github/passkey4j/provider-names/NOTICE.md} in the jar). Read once, on first use.
     *
     * @return the bundled names
     */
    static ProviderNames bundled() {
        return AaguidNames.bundled();
    }

    /**
     * Reads names in the community list's format, {@code {"<aaguid>": {"name": "...", ...}}} (its
     * {@code aaguid.json} or {@code combined_aaguid.json}, or a host's own file); only the names are
     * kept.
     *
     * @param json the JSON; not closed
     * @return the names it holds
     * @throws IllegalArgumentException when it is not in that format, naming the entry
     * @throws UncheckedIOException when it cannot be read
     */
    static ProviderNames fromJson(InputStream json) {
        return AaguidNames.read(json, "providerNames");
    }

    /**
     * Like {@link #fromJson(InputStream)}, from a file.
     *
     * @param file the file
     * @return the names it holds
     * @throws IllegalArgumentException when it is not in the expected format
     * @throws UncheckedIOException when it cannot be read
     */
    static ProviderNames fromJson(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return AaguidNames.read(in, "providerNames " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("providerNames: cannot read " + file, e);
        }
    }
}
