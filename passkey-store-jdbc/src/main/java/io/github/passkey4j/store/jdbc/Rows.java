package io.github.passkey4j.store.jdbc;

import io.github.passkey4j.store.CeremonyKind;
import io.github.passkey4j.store.CodeState;
import io.github.passkey4j.store.Event;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.PasskeyExtensions;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.PendingAndPasskey;
import io.github.passkey4j.store.PendingCeremony;
import io.github.passkey4j.store.RegistrationCode;
import io.github.passkey4j.store.StoredPasskey;
import java.sql.SQLException;
import java.util.Optional;

/** Maps rows to the SPI's records and records to parameters, in the column order of {@link Dialect}. */
final class Rows {

    private Rows() {
    }

    static StoredPasskey passkey(Row r) throws SQLException {
        return new StoredPasskey(r.text("id"), r.text("user_id"), r.text("resource_owner"), r.text("rp_id"),
                r.bytes("credential_id"), r.bytes("user_handle"), r.bytes("public_key_cose"), r.int64("sign_count"),
                r.uuid("aaguid"), Transports.decode(r.text("transports")), r.bool("backup_eligible"),
                r.bool("backed_up"), r.bool("user_verified"), r.text("attestation_format"),
                r.bool("attestation_trusted"), r.text("name"), PasskeyState.valueOf(r.text("state")),
                r.bool("possibly_cloned"), r.instant("created_at"), r.instant("changed_at"),
                r.optionalInstant("last_used_at"), new PasskeyExtensions(r.optionalBool("resident_key"),
                        r.optionalBool("prf_enabled"), r.optionalText("authenticator_display_name"),
                        r.optionalBytes("prf_salt")));
    }

    /** Reads {@link Dialect#findPendingAndPasskey}'s one row: each table's columns, null when it had no row. */
    static PendingAndPasskey pendingAndPasskey(Row r) throws SQLException {
        Row ceremony = r.prefixed(Dialect.PENDING_ALIAS);
        Row passkey = r.prefixed(Dialect.PASSKEY_ALIAS);
        return new PendingAndPasskey(
                ceremony.optionalText("id").isPresent() ? Optional.of(pending(ceremony)) : Optional.empty(),
                passkey.optionalText("id").isPresent() ? Optional.of(passkey(passkey)) : Optional.empty());
    }

    /** Binds {@link Dialect#PASSKEY_COLUMNS}. */
    static void bind(Params p, StoredPasskey k) throws SQLException {
        p.text(k.id()).text(k.userId()).text(k.resourceOwner()).text(k.rpId()).bytes(k.credentialId())
                .bytes(k.userHandle()).bytes(k.publicKeyCose()).int64(k.signCount()).uuid(k.aaguid())
                .text(Transports.encode(k.transports())).bool(k.backupEligible()).bool(k.backedUp())
                .bool(k.userVerified()).text(k.attestationFormat()).bool(k.attestationTrusted()).text(k.name())
                .text(k.state().name()).bool(k.possiblyCloned()).instant(k.createdAt()).instant(k.changedAt())
                .optionalInstant(k.lastUsedAt()).optionalBool(k.extensions().residentKey())
                .optionalBool(k.extensions().prfEnabled()).optionalText(k.extensions().authenticatorDisplayName())
                .optionalBytes(k.extensions().prfSalt());
    }

    static PendingCeremony pending(Row r) throws SQLException {
        return new PendingCeremony(r.text("id"), CeremonyKind.valueOf(r.text("kind")), r.optionalText("user_id"),
                r.optionalText("resource_owner"), r.text("rp_id"), r.bytes("challenge"), r.text("request_json"),
                r.instant("created_at"), r.instant("expires_at"), r.optionalText("code_id"), r.optionalText("origin"));
    }

    /** Binds {@link Dialect#PENDING_COLUMNS}. */
    static void bind(Params p, PendingCeremony c) throws SQLException {
        p.text(c.id()).text(c.kind().name()).optionalText(c.userId()).optionalText(c.resourceOwner()).text(c.rpId())
                .bytes(c.challenge()).text(c.requestJson()).instant(c.createdAt()).instant(c.expiresAt())
                .optionalText(c.codeId()).optionalText(c.origin());
    }

    static RegistrationCode code(Row r) throws SQLException {
        return new RegistrationCode(r.text("id"), r.text("user_id"), r.text("resource_owner"), r.bytes("code_hash"),
                r.instant("created_at"), r.instant("expires_at"), r.int32("failed_attempts"),
                CodeState.valueOf(r.text("state")));
    }

    /** Binds {@link Dialect#CODE_COLUMNS}. */
    static void bind(Params p, RegistrationCode c) throws SQLException {
        p.text(c.id()).text(c.userId()).text(c.resourceOwner()).bytes(c.codeHash()).instant(c.createdAt())
                .instant(c.expiresAt()).int32(c.failedAttempts()).text(c.state().name());
    }

    static Event event(Row r) throws SQLException {
        return new Event(r.text("user_id"), r.int64("seq"), r.text("resource_owner"),
                EventType.valueOf(r.text("type")), r.text("aggregate_id"), r.instant("occurred_at"));
    }

    /** Binds {@link Dialect#EVENT_COLUMNS}. */
    static void bind(Params p, Event e) throws SQLException {
        p.text(e.userId()).int64(e.sequence()).text(e.resourceOwner()).text(e.type().name()).text(e.aggregateId())
                .instant(e.time());
    }
}
