-- A host application's own first migration, in its own location and history table: the library's V1 must not
-- collide with it.
CREATE TABLE mig_host_account (id VARCHAR(64) NOT NULL PRIMARY KEY);
