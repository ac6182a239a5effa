-- passkey4j JDBC store, schema version 2: the origin a pending ceremony was begun for (WebAuthn Level 3
-- per-ceremony origin). Null for ceremonies begun before the upgrade; they accept any configured origin.
ALTER TABLE ${table_prefix}pending_ceremony ADD COLUMN IF NOT EXISTS origin VARCHAR(2048);
