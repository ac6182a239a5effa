package io.github.passkey4j;

import java.util.Optional;

/**
 * Finds the relying party of a tenant that is not among the configured ones ({@link
 * Passkeys.Builder#relyingParty}), for a multi-tenant host whose tenants (custom domains, say) come and
 * go at run time: ZITADEL's {@code domain} field, or the request's {@code Origin}, names the tenant.
 * Consulted only when no configured relying party matches; what it returns is checked like a
 * configured one (its RP id must be the one asked for, and the origin one of its origins), and the
 * ceremony remembers its RP id (and origin), so that it finishes only there.
 *
 * <p>It must answer for an RP id alone too: finishing a ceremony asks by the RP id the ceremony was
 * begun with. It is called on every ceremony of an unconfigured tenant, so keep it fast (a map, a
 * cache); the library keeps the engine built for each tenant and rebuilds it when the returned
 * configuration changes. Return empty for a tenant that does not exist: the call is then refused with
 * {@link ErrorReason#RP_ID_NOT_ALLOWED} or {@link ErrorReason#ORIGIN_NOT_ALLOWED}.
 *
 * <pre>{@code
 * Passkeys.builder()
 *     .relyingParty(RelyingPartyConfig.of("example.com", "Example", "https://login.example.com"))
 *     .relyingPartyResolver((rpId, origin) -> tenants.byDomainOrOrigin(rpId, origin)
 *         .map(t -> RelyingPartyConfig.of(t.domain(), t.name(), "https://" + t.domain())))
 * }</pre>
 */
@FunctionalInterface
public interface RelyingPartyResolver {

    /**
     * @param rpId the RP id asked for (ZITADEL's {@code domain}), if any
     * @param origin the origin the ceremony is begun for (the request's {@code Origin}), if any; empty
     *     when a ceremony is finished
     * @return the tenant's relying party, or empty when there is no such tenant
     */
    Optional<RelyingPartyConfig> resolve(Optional<String> rpId, Optional<String> origin);
}
