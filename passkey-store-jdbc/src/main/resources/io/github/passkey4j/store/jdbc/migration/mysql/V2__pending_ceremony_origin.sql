-- passkey4j JDBC store, schema version 2: the origin a pending ceremony was begun for (WebAuthn Level 3
-- per-ceremony origin). Null for ceremonies begun before the upgrade; they accept any configured origin.
-- MySQL 8 has no ADD COLUMN IF NOT EXISTS: the column is added only when the table lacks it (a schema that
-- createSchema() made after the upgrade has it already).
SET @passkey4j_v2 = (SELECT IF(COUNT(*) = 0,
    'ALTER TABLE ${table_prefix}pending_ceremony ADD COLUMN origin VARBINARY(2048)',
    'DO 0')
    FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = '${table_prefix}pending_ceremony' AND column_name = 'origin');
PREPARE passkey4j_v2 FROM @passkey4j_v2;
EXECUTE passkey4j_v2;
DEALLOCATE PREPARE passkey4j_v2;
