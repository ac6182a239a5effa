-- passkey4j JDBC store: tables for PostgreSQL 12 or later.
--
-- ${table_prefix} stands for the table prefix (passkey4j_ by default). JdbcPasskeyStore.createSchema() replaces it;
-- Flyway and Liquibase: run the versioned migrations under migration/ instead (see the README). By hand:
--   sed 's/${table_prefix}/passkey4j_/g' schema-postgresql.sql | psql
-- Creates only what does not exist yet, so it can run again. Key columns use the "C" collation: ids compare
-- byte for byte, as on the other databases, and their indexes stay cheap.

-- Passkeys, in any state. A removed passkey stays, so its credential id stays taken.
CREATE TABLE IF NOT EXISTS ${table_prefix}passkey (
    id                  VARCHAR(255) COLLATE "C" NOT NULL,
    user_id             VARCHAR(255) COLLATE "C" NOT NULL,
    resource_owner      VARCHAR(255) NOT NULL,
    rp_id               VARCHAR(255) NOT NULL,
    credential_id       BYTEA        NOT NULL,
    user_handle         BYTEA        NOT NULL,
    public_key_cose     BYTEA        NOT NULL,
    sign_count          BIGINT       NOT NULL,
    aaguid              UUID         NOT NULL,
    transports          VARCHAR(255) NOT NULL,
    backup_eligible     BOOLEAN      NOT NULL,
    backed_up           BOOLEAN      NOT NULL,
    user_verified       BOOLEAN      NOT NULL,
    attestation_format  VARCHAR(64)  NOT NULL,
    attestation_trusted BOOLEAN      NOT NULL,
    name                VARCHAR(255) NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    possibly_cloned     BOOLEAN      NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    changed_at          TIMESTAMPTZ  NOT NULL,
    last_used_at        TIMESTAMPTZ,
    resident_key        BOOLEAN,
    prf_enabled         BOOLEAN,
    authenticator_display_name VARCHAR(255),
    CONSTRAINT ${table_prefix}passkey_pk PRIMARY KEY (id)
);
-- a credential id is registered once, across all users: the store relies on this index, not on a read
CREATE UNIQUE INDEX IF NOT EXISTS ${table_prefix}passkey_credential_uk ON ${table_prefix}passkey (credential_id);
-- a user's ready passkeys, oldest first
CREATE INDEX IF NOT EXISTS ${table_prefix}passkey_user_idx ON ${table_prefix}passkey (user_id, state, created_at, id);
-- the owner of a user handle (usernameless sign-in)
CREATE INDEX IF NOT EXISTS ${table_prefix}passkey_user_handle_idx ON ${table_prefix}passkey (user_handle);

-- Begun registrations and sign-ins; taken (deleted) once, purged when expired.
CREATE TABLE IF NOT EXISTS ${table_prefix}pending_ceremony (
    id                  VARCHAR(255) COLLATE "C" NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    user_id             VARCHAR(255) COLLATE "C",
    resource_owner      VARCHAR(255),
    rp_id               VARCHAR(255) NOT NULL,
    challenge           BYTEA        NOT NULL,
    request_json        TEXT         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    expires_at          TIMESTAMPTZ  NOT NULL,
    code_id             VARCHAR(255) COLLATE "C",
    origin              VARCHAR(2048) COLLATE "C",
    CONSTRAINT ${table_prefix}pending_ceremony_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${table_prefix}pending_ceremony_user_idx ON ${table_prefix}pending_ceremony (user_id, kind, created_at);
CREATE INDEX IF NOT EXISTS ${table_prefix}pending_ceremony_expires_idx ON ${table_prefix}pending_ceremony (expires_at);

-- Registration codes: only a hash of each code is kept.
CREATE TABLE IF NOT EXISTS ${table_prefix}registration_code (
    id                  VARCHAR(255) COLLATE "C" NOT NULL,
    user_id             VARCHAR(255) COLLATE "C" NOT NULL,
    resource_owner      VARCHAR(255) NOT NULL,
    code_hash           BYTEA        NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    expires_at          TIMESTAMPTZ  NOT NULL,
    failed_attempts     INTEGER      NOT NULL,
    state               VARCHAR(16)  NOT NULL,
    CONSTRAINT ${table_prefix}registration_code_pk PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ${table_prefix}registration_code_expires_idx ON ${table_prefix}registration_code (expires_at);

-- Each user's history: sequences start at 1 and never repeat or skip.
CREATE TABLE IF NOT EXISTS ${table_prefix}event (
    user_id             VARCHAR(255) COLLATE "C" NOT NULL,
    seq                 BIGINT       NOT NULL,
    resource_owner      VARCHAR(255) NOT NULL,
    type                VARCHAR(32)  NOT NULL,
    aggregate_id        VARCHAR(255) NOT NULL,
    occurred_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT ${table_prefix}event_pk PRIMARY KEY (user_id, seq)
);

-- Each user's last sequence: raised under its row lock in the transaction that appends the events.
CREATE TABLE IF NOT EXISTS ${table_prefix}user_sequence (
    user_id             VARCHAR(255) COLLATE "C" NOT NULL,
    last_seq            BIGINT       NOT NULL,
    CONSTRAINT ${table_prefix}user_sequence_pk PRIMARY KEY (user_id)
);
