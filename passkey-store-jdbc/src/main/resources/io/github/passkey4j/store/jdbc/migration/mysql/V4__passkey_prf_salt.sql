-- passkey4j JDBC store, schema version 4: the PRF salt the library made for a passkey whose authenticator
-- supports the PRF extension (prf.enabled at registration), handed back in sign-in options
-- (extensions.prf.evalByCredential) so that the page derives the same key each time. Not a secret: the
-- PRF output, which never reaches the server, is. Null for passkeys without PRF or registered before.
-- MySQL 8 has no ADD COLUMN IF NOT EXISTS: the column is added only when the table lacks it.
SET @passkey4j_v4 = (SELECT IF(COUNT(*) = 0,
    'ALTER TABLE ${table_prefix}passkey ADD COLUMN prf_salt VARBINARY(64)',
    'DO 0')
    FROM information_schema.columns
    WHERE table_schema = DATABASE() AND table_name = '${table_prefix}passkey' AND column_name = 'prf_salt');
PREPARE passkey4j_v4 FROM @passkey4j_v4;
EXECUTE passkey4j_v4;
DEALLOCATE PREPARE passkey4j_v4;
