-- passkey4j JDBC store, schema version 4: the PRF salt the library made for a passkey whose authenticator
-- supports the PRF extension (prf.enabled at registration), handed back in sign-in options
-- (extensions.prf.evalByCredential) so that the page derives the same key each time. Not a secret: the
-- PRF output, which never reaches the server, is. Null for passkeys without PRF or registered before.
ALTER TABLE ${table_prefix}passkey ADD COLUMN IF NOT EXISTS prf_salt VARBINARY(64);
