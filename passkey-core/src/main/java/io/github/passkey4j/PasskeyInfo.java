package io.github.passkey4j;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.passkey4j.internal.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ready passkey of a user, as the list shows it. Serialized as ZITADEL's list item
 * {@code {"id", "state", "name"}} plus the fields ZITADEL lacks, the same with any Jackson 2 or 3 mapper
 * (only {@code jackson-annotations} are used; the dates are written by {@link #creationDateText()} and
 * {@link #lastUsedDateText()}, UTC with exactly three fraction digits).
 *
 * @param id the passkey id
 * @param state always {@code AUTH_FACTOR_STATE_READY} (only ready passkeys are listed)
 * @param name the name its owner gave it
 * @param creationDate when it was verified
 * @param lastUsedDate when it last signed in; null (left out of the JSON) until then
 * @param aaguid the authenticator model, canonical lower-case UUID (all zeros when unknown)
 * @param providerName the authenticator's or password manager's name where known, else null
 * @param backupEligible the BE flag: the passkey may be synced
 * @param backedUp the BS flag of the latest ceremony: the passkey is synced
 * @param transports the transports the browser reported, in its order
 * @param rpId the RP id it is scoped to
 * @param residentKey {@code credProps.rk} as the browser reported it at registration; null (left out
 *     of the JSON) when it did not
 * @param prfEnabled {@code prf.enabled} as the browser reported it; null (left out) when it did not
 * @param authenticatorDisplayName the authenticator's own name for it ({@code credProps}, WebAuthn
 *     Level 3); null (left out) when not reported
 * @param providerIconLight the provider's icon for light backgrounds, a {@code data:image/...} URI, where
 *     the provider names have one ({@link ProviderNames#iconsOf}); null (left out) otherwise
 * @param providerIconDark the provider's icon for dark backgrounds, likewise
 */
@JsonPropertyOrder({"id", "state", "name", "creationDate", "lastUsedDate", "aaguid", "providerName", "backupEligible",
        "backedUp", "transports", "rpId", "residentKey", "prfEnabled", "authenticatorDisplayName", "providerIconLight",
        "providerIconDark"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PasskeyInfo(
        String id,
        String state,
        String name,
        @JsonIgnore Instant creationDate,
        @JsonIgnore Instant lastUsedDate,
        String aaguid,
        String providerName,
        boolean backupEligible,
        boolean backedUp,
        List<String> transports,
        String rpId,
        Boolean residentKey,
        Boolean prfEnabled,
        String authenticatorDisplayName,
        String providerIconLight,
        String providerIconDark) {

    /** The state of a listed passkey, as ZITADEL names it. */
    public static final String STATE_READY = "AUTH_FACTOR_STATE_READY";

    /**
     * Validates the components and copies the transports.
     *
     * @param id the passkey id
     * @param state always {@code AUTH_FACTOR_STATE_READY} (only ready passkeys are listed)
     * @param name the name its owner gave it
     * @param creationDate when it was verified
     * @param lastUsedDate when it last signed in; null (left out of the JSON) until then
     * @param aaguid the authenticator model, canonical lower-case UUID (all zeros when unknown)
     * @param providerName the authenticator's or password manager's name where known, else null
     * @param backupEligible the BE flag: the passkey may be synced
     * @param backedUp the BS flag of the latest ceremony: the passkey is synced
     * @param transports the transports the browser reported, in its order
     * @param rpId the RP id it is scoped to
     * @param residentKey {@code credProps.rk} as reported at registration, or null
     * @param prfEnabled {@code prf.enabled} as reported at registration, or null
     * @param authenticatorDisplayName the authenticator's own name for it, or null
     * @param providerIconLight the provider's icon for light backgrounds (a data URI), or null
     * @param providerIconDark the provider's icon for dark backgrounds (a data URI), or null
     */
    public PasskeyInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(aaguid, "aaguid");
        transports = List.copyOf(transports);
        Objects.requireNonNull(rpId, "rpId");
    }

    /**
     * A passkey whose registration reported no client extension results.
     *
     * @param id the passkey id
     * @param state always {@code AUTH_FACTOR_STATE_READY}
     * @param name the name its owner gave it
     * @param creationDate when it was verified
     * @param lastUsedDate when it last signed in, or null
     * @param aaguid the authenticator model
     * @param providerName the provider's name, or null
     * @param backupEligible the BE flag
     * @param backedUp the BS flag
     * @param transports the transports
     * @param rpId the RP id
     */
    public PasskeyInfo(String id, String state, String name, Instant creationDate, Instant lastUsedDate, String aaguid,
            String providerName, boolean backupEligible, boolean backedUp, List<String> transports, String rpId) {
        this(id, state, name, creationDate, lastUsedDate, aaguid, providerName, backupEligible, backedUp, transports,
                rpId, null, null, null, null, null);
    }

    /** @return when it last signed in, empty until its first sign-in */
    public Optional<Instant> lastUsed() {
        return Optional.ofNullable(lastUsedDate);
    }

    /** @return the provider's name, where known */
    public Optional<String> provider() {
        return Optional.ofNullable(providerName);
    }

    /** @return whether it is synced between devices (backed up), as opposed to device-bound */
    public boolean synced() {
        return backedUp;
    }

    /** @return the creation date as the JSON writes it, e.g. {@code 2024-05-24T10:54:19.585Z} */
    @JsonProperty("creationDate")
    public String creationDateText() {
        return Timestamps.format(creationDate);
    }

    /** @return the last sign-in's time as the JSON writes it, or null (left out) until the first sign-in */
    @JsonProperty("lastUsedDate")
    public String lastUsedDateText() {
        return lastUsedDate == null ? null : Timestamps.format(lastUsedDate);
    }
}
