-- passkey4j JDBC store: tables for MySQL 8.0 and MariaDB 10.5 or later (InnoDB).
--
-- ${table_prefix} stands for the table prefix (passkey4j_ by default). JdbcPasskeyStore.createSchema() replaces it;
-- Flyway and Liquibase: run the versioned migrations under migration/ instead (see the README). By hand:
--   sed 's/${table_prefix}/passkey4j_/g' schema-mysql.sql | mariadb passkey4j
-- Creates only what does not exist yet, so it can run again (indexes are declared in the tables for that reason).
--
-- Ids are VARBINARY holding UTF-8 (up to 255 characters): they compare byte for byte, so 'Alice', 'alice' and
-- 'alice ' are three ids, as on PostgreSQL and H2 (utf8mb4 collations would fold case or pad spaces). Text is
-- utf8mb4, instants are UTC in DATETIME(6).

-- Passkeys, in any state. A removed passkey stays, so its credential id stays taken.
CREATE TABLE IF NOT EXISTS ${table_prefix}passkey (
    id                  VARBINARY(1020) NOT NULL,
    user_id             VARBINARY(1020) NOT NULL,
    resource_owner      VARCHAR(255)    NOT NULL,
    rp_id               VARCHAR(255)    NOT NULL,
    credential_id       VARBINARY(1023) NOT NULL,
    user_handle         VARBINARY(1023) NOT NULL,
    public_key_cose     BLOB            NOT NULL,
    sign_count          BIGINT          NOT NULL,
    aaguid              CHAR(36) CHARACTER SET ascii NOT NULL,
    transports          VARCHAR(255)    NOT NULL,
    backup_eligible     BOOLEAN         NOT NULL,
    backed_up           BOOLEAN         NOT NULL,
    user_verified       BOOLEAN         NOT NULL,
    attestation_format  VARCHAR(64)     NOT NULL,
    attestation_trusted BOOLEAN         NOT NULL,
    name                VARCHAR(255)    NOT NULL,
    state               VARCHAR(16)     NOT NULL,
    possibly_cloned     BOOLEAN         NOT NULL,
    created_at          DATETIME(6)     NOT NULL,
    changed_at          DATETIME(6)     NOT NULL,
    last_used_at        DATETIME(6),
    resident_key        BOOLEAN,
    prf_enabled         BOOLEAN,
    authenticator_display_name VARCHAR(255),
    CONSTRAINT ${table_prefix}passkey_pk PRIMARY KEY (id),
    -- a credential id is registered once, across all users: the store relies on this index, not on a read
    UNIQUE KEY ${table_prefix}passkey_credential_uk (credential_id),
    -- a user's ready passkeys, oldest first
    KEY ${table_prefix}passkey_user_idx (user_id, state, created_at, id),
    -- the owner of a user handle (usernameless sign-in)
    KEY ${table_prefix}passkey_user_handle_idx (user_handle)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Begun registrations and sign-ins; taken (deleted) once, purged when expired.
CREATE TABLE IF NOT EXISTS ${table_prefix}pending_ceremony (
    id                  VARBINARY(1020) NOT NULL,
    kind                VARCHAR(16)     NOT NULL,
    user_id             VARBINARY(1020),
    resource_owner      VARCHAR(255),
    rp_id               VARCHAR(255)    NOT NULL,
    challenge           VARBINARY(1023) NOT NULL,
    request_json        MEDIUMTEXT      NOT NULL,
    created_at          DATETIME(6)     NOT NULL,
    expires_at          DATETIME(6)     NOT NULL,
    code_id             VARBINARY(1020),
    origin              VARBINARY(2048),
    CONSTRAINT ${table_prefix}pending_ceremony_pk PRIMARY KEY (id),
    KEY ${table_prefix}pending_ceremony_user_idx (user_id, kind, created_at),
    KEY ${table_prefix}pending_ceremony_expires_idx (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Registration codes: only a hash of each code is kept.
CREATE TABLE IF NOT EXISTS ${table_prefix}registration_code (
    id                  VARBINARY(1020) NOT NULL,
    user_id             VARBINARY(1020) NOT NULL,
    resource_owner      VARCHAR(255)    NOT NULL,
    code_hash           VARBINARY(1023) NOT NULL,
    created_at          DATETIME(6)     NOT NULL,
    expires_at          DATETIME(6)     NOT NULL,
    failed_attempts     INTEGER         NOT NULL,
    state               VARCHAR(16)     NOT NULL,
    CONSTRAINT ${table_prefix}registration_code_pk PRIMARY KEY (id),
    KEY ${table_prefix}registration_code_expires_idx (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each user's history: sequences start at 1 and never repeat or skip.
CREATE TABLE IF NOT EXISTS ${table_prefix}event (
    user_id             VARBINARY(1020) NOT NULL,
    seq                 BIGINT          NOT NULL,
    resource_owner      VARCHAR(255)    NOT NULL,
    type                VARCHAR(32)     NOT NULL,
    aggregate_id        VARBINARY(1020) NOT NULL,
    occurred_at         DATETIME(6)     NOT NULL,
    CONSTRAINT ${table_prefix}event_pk PRIMARY KEY (user_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each user's last sequence: raised under its row lock in the transaction that appends the events.
CREATE TABLE IF NOT EXISTS ${table_prefix}user_sequence (
    user_id             VARBINARY(1020) NOT NULL,
    last_seq            BIGINT          NOT NULL,
    CONSTRAINT ${table_prefix}user_sequence_pk PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
