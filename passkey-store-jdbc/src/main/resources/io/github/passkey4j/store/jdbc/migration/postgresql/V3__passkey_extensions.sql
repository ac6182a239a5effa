-- passkey4j JDBC store, schema version 3: what the browser's client extensions reported at registration
-- (credProps.rk, prf.enabled, credProps.authenticatorDisplayName), for display only. Null for passkeys
-- registered before the upgrade (not reported).
ALTER TABLE ${table_prefix}passkey ADD COLUMN IF NOT EXISTS resident_key BOOLEAN;
ALTER TABLE ${table_prefix}passkey ADD COLUMN IF NOT EXISTS prf_enabled BOOLEAN;
ALTER TABLE ${table_prefix}passkey ADD COLUMN IF NOT EXISTS authenticator_display_name VARCHAR(255);
