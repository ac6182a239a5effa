-- passkey4j JDBC store, schema version 3: what the browser's client extensions reported at registration
-- (credProps.rk, prf.enabled, credProps.authenticatorDisplayName), for display only. Null for passkeys
-- registered before the upgrade (not reported).
-- MySQL 8 has no ADD COLUMN IF NOT EXISTS: the columns are added only when the table lacks them (a schema
-- that createSchema() made after the upgrade has them already).
SET @passkey4j_v3 = (SELECT IF(COUNT(*) = 0,
    'ALTER TABLE ${table_prefix}passkey ADD COLUMN resident_key BOOLEAN, ADD COLUMN prf_enabled BOOLEAN, ADD COLUMN authenticator_display_name VARCHAR(255)',
    'DO 0')
    FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = '${table_prefix}passkey' AND column_name = 'resident_key');
PREPARE passkey4j_v3 FROM @passkey4j_v3;
EXECUTE passkey4j_v3;
DEALLOCATE PREPARE passkey4j_v3;
