package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * A registration link: a URL carrying a new one-time code, as ZITADEL's Auth API v1 {@code _link}
 * answers it: {@code {"details": {...}, "link": "...", "expiration": "3600s"}}.
 *
 * @param details the user's sequence and the time of creation
 * @param link the URL, from the template with the user id, organisation, code id and code filled in
 * @param lifetime how long the code lives
 * @param codeId the code's id
 */
@JsonPropertyOrder({"details", "link", "expiration"})
public record RegistrationLink(Details details, String link, @JsonIgnore Duration lifetime, @JsonIgnore String codeId) {

    /**
     * Validates the components.
     *
     * @param details the user's sequence and the time of creation
     * @param link the URL, from the template with the user id, organisation, code id and code filled in
     * @param lifetime how long the code lives
     * @param codeId the code's id
     */
    public RegistrationLink {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(codeId, "codeId");
    }

    /** @return the lifetime in seconds with an {@code s}, as protobuf durations are written: {@code "3600s"} */
    @JsonProperty("expiration")
    public String expiration() {
        return lifetime.toSeconds() + "s";
    }

    @Override
    public String toString() {
        return "RegistrationLink[codeId=" + codeId + ", link=***]";
    }
}
