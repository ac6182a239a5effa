package io.github.passkey4j.spring.boot;

import io.github.passkey4j.Passkeys;

/**
 * Adjusts the {@link Passkeys.Builder} the auto-configuration prepares, after the properties are
 * applied and before {@code build()}: declare one or more as beans to set what properties cannot
 * (an attestation policy, a registration link notifier, a clock), without replacing the whole
 * {@code Passkeys} bean. Customizers run in their {@code @Order}.
 */
@FunctionalInterface
public interface PasskeysCustomizer {

    /**
     * @param builder the builder, with store, relying party and properties already set
     */
    void customize(Passkeys.Builder builder);
}
