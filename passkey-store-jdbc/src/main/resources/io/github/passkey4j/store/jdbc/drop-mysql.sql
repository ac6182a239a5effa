-- passkey4j JDBC store: drops the tables (their indexes go with them) and every row in them.
-- ${table_prefix} stands for the table prefix, as in the schema script.
DROP TABLE IF EXISTS ${table_prefix}passkey;
DROP TABLE IF EXISTS ${table_prefix}pending_ceremony;
DROP TABLE IF EXISTS ${table_prefix}registration_code;
DROP TABLE IF EXISTS ${table_prefix}event;
DROP TABLE IF EXISTS ${table_prefix}user_sequence;
