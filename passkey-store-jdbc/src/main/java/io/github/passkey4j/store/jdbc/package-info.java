/**
 * A {@link io.github.passkey4j.store.PasskeyStore} on plain JDBC (artifact
 * {@code io.github.passkey4j:passkey-store-jdbc}): {@link io.github.passkey4j.store.jdbc.JdbcPasskeyStore}
 * on a {@link javax.sql.DataSource} of H2, PostgreSQL or MariaDB/MySQL
 * ({@link io.github.passkey4j.store.jdbc.Database}). Each SPI call is one transaction; serialization
 * failures are retried. The DDL ships as versioned migrations, resources of this package
 * ({@code migration/<database>/V<n>__*.sql}, {@link io.github.passkey4j.store.jdbc.Database#schemaResources()}).
 */
package io.github.passkey4j.store.jdbc;
