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
     * A provider's icons, each a {@code data:image/...;base64,...} URI of at most {@link #MAX_ICON_CHARS}
     * characters (SVG, PNG, WebP or JPEG), for an {@code <img src>}; never markup to insert.
     *
     * @param light the icon for light backgrounds, if any
     * @param dark the icon for dark backgrounds, if any
     */
    record Icons(Optional<String> light, Optional<String> dark) {
        /**
         * Checks that no component is null.
         *
         * @param light the icon for light backgrounds, if any
         * @param dark the icon for dark backgrounds, if any
         */
        public Icons {
            Objects.requireNonNull(light, "light");
            Objects.requireNonNull(dark, "dark");
        }
    }

    /** The longest icon kept, in characters of its data URI (48 KiB); longer ones are left out. */
    int MAX_ICON_CHARS = 48 * 1024;

    /**
     * @param aaguid an authenticator model
     * @return its provider's icons, where known; none by default (the bundled list has no icons: see
     *     {@link #fromJsonWithIcons(Path)})
     */
    default Optional<Icons> iconsOf(UUID aaguid) {
        return Optional.empty();
    }

    /**
     * @param fallback the names to ask when this one knows none
     * @return names (and icons) from this, else from {@code fallback}
     */
    default ProviderNames orElse(ProviderNames fallback) {
        Objects.requireNonNull(fallback, "fallback");
        ProviderNames first = this;
        return new ProviderNames() {
            @Override
            public Optional<String> nameOf(UUID aaguid) {
                Optional<String> name = first.nameOf(aaguid);
                return name.isPresent() ? name : fallback.nameOf(aaguid);
            }

            @Override
            public Optional<Icons> iconsOf(UUID aaguid) {
                Optional<Icons> icons = first.iconsOf(aaguid);
                return icons.isPresent() ? icons : fallback.iconsOf(aaguid);
            }
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
        return AaguidNames.read(json, "providerNames", false);
    }

    /**
     * Like {@link #fromJson(Path)}, and keeps the entries' {@code icon_light} and {@code icon_dark} too,
     * listed as {@link PasskeyInfo#providerIconLight()} and {@link PasskeyInfo#providerIconDark()}. The
     * library bundles no icons: they are the providers' logos, and the community list states no licence
     * for them, so a host that shows them takes a file whose terms it has settled (the community list's
     * {@code combined_aaguid.json}, or its own). Each icon must be a {@code data:image/svg+xml},
     * {@code png}, {@code webp} or {@code jpeg} base64 URI; an icon longer than {@link #MAX_ICON_CHARS}
     * is left out (logged), anything else that is not such a URI fails the file.
     *
     * @param file the file
     * @return the names and icons it holds
     * @throws IllegalArgumentException when it is not in the expected format, naming the entry
     * @throws UncheckedIOException when it cannot be read
     */
    static ProviderNames fromJsonWithIcons(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return AaguidNames.read(in, "providerNames " + file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("providerNames: cannot read " + file, e);
        }
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
            return AaguidNames.read(in, "providerNames " + file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("providerNames: cannot read " + file, e);
        }
    }
}
