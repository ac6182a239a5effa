package io.github.passkey4j.store;

import java.util.Objects;

/**
 * A registration code to use up in the same transaction as the passkey it registered.
 *
 * @param codeId the code
 * @param event the {@link EventType#CODE_USED} event to append
 */
public record CodeUse(String codeId, NewEvent event) {
    /**
     * Validates the components.
     *
     * @param codeId the code
     * @param event the {@link EventType#CODE_USED} event to append
     */
    public CodeUse {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(event, "event");
    }
}
