/**
 * A {@link io.github.passkey4j.store.PasskeyStore} on plain JDBC (artifact
 * {@code io.github.passkey4j:passkey-store-jdbc}): {@link io.github.passkey4j.store.jdbc.JdbcPasskeyStore}
 * on a {@link javax.sql.DataSource} of H2, PostgreSQL or MariaDB/MySQL
 * ({@link io.github.passkey4j.store.jdbc.Database}). Each SPI call is one transaction; serialization
 * failures are retried. The DDL ships as resources of this package ({@code schema-h2.sql},
 * {@code schema-postgresql.sql}, {@code schema-mysql.sql}).
 */
package io.github.passkey4j.store.jdbc;
