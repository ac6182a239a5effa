package io.github.passkey4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** What each kind of driver exception means to the store. */
class FailureTest {

    private final Dialect postgres = new PostgresDialect("p_");
    private final Dialect h2 = new H2Dialect("p_");
    private final Dialect mysql = new MySqlDialect("p_");

    @Test
    void whenTheDatabaseAbortsForAConflictThenTheTransactionRunsAgain() {
        assertThat(Failure.of(new SQLException("serialization", "40001"), postgres)).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("deadlock", "40P01"), postgres)).isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLTransactionRollbackException("deadlock", "40001", 1213), mysql))
                .isEqualTo(Failure.RETRY);
        assertThat(Failure.of(new SQLException("concurrent update", "90131", 90131), h2)).isEqualTo(Failure.RETRY);
    }

    @Test
    void whenTheConnectionIsLostRefusedOrTimesOutThenUnavailable() {
        assertThat(Failure.of(new SQLException("I/O error", "08006"), postgres)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("refused", "08001"), null)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLTransientConnectionException("pool timeout"), null)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLNonTransientConnectionException("closed"), null)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLRecoverableException("gone"), null)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLTimeoutException("query timeout"), null)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("admin shutdown", "57P01"), postgres)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("statement timeout", "57014"), postgres)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("too many connections", "53300"), postgres))
                .isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("lock timeout", "55P03"), postgres)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("lock wait timeout", "HY000", 1205), mysql))
                .isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("connection killed", "70100", 1927), mysql))
                .isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("connection broken", "90067", 90067), h2)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(new SQLException("lock timeout", "HYT00", 50200), h2)).isEqualTo(Failure.UNAVAILABLE);
    }

    @Test
    void whenALostConnectionHidesBehindAnotherExceptionThenItStillWins() {
        SQLException batch = new BatchUpdateException("batch failed", "23505", 0, new int[0]);
        batch.setNextException(new SQLException("I/O error", "08006"));
        SQLException wrapped = new SQLException("failed", "XX000", new SQLException("eof", "08003"));

        assertThat(Failure.of(batch, postgres)).isEqualTo(Failure.UNAVAILABLE);
        assertThat(Failure.of(wrapped, postgres)).isEqualTo(Failure.UNAVAILABLE);
    }

    @Test
    void whenAUniqueKeyIsViolatedThenDuplicateAndTheIndexIsToldFromTheMessageHeadOnly() {
        SQLException pg = new SQLException("ERROR: duplicate key value violates unique constraint "
                + "\"p_passkey_credential_uk\"\n  Detail: Key (credential_id)=(\\x01) already exists.", "23505");
        SQLException pgPrimary = new SQLException("ERROR: duplicate key value violates unique constraint "
                + "\"p_passkey_pk\"\n  Detail: Key (id)=(x p_passkey_credential_uk) already exists.", "23505");
        SQLException h2Unique = new SQLException("Unique index or primary key violation: \"PUBLIC.P_PASSKEY_CREDENTIAL_UK "
                + "ON PUBLIC.P_PASSKEY(CREDENTIAL_ID NULLS FIRST) VALUES ( /* 1 */ X'0102' )\"; SQL statement:", "23505");
        SQLException h2Primary = new SQLException("Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_9 ON "
                + "PUBLIC.P_PASSKEY(ID) VALUES ( /* 1 */ 'p_passkey_credential_uk' )\"", "23505");
        SQLException maria = new SQLException("(conn=15) Duplicate entry 'p_passkey_credential_uk' for key "
                + "'p_passkey_credential_uk'", "23000", 1062);
        SQLException mariaPrimary = new SQLException("(conn=15) Duplicate entry 'p_passkey_credential_uk' for key "
                + "'PRIMARY'", "23000", 1062);
        SQLException mysql8 = new SQLException("Duplicate entry 'x' for key 'p_passkey.p_passkey_credential_uk'",
                "23000", 1062);

        assertThat(Failure.of(pg, postgres)).isEqualTo(Failure.DUPLICATE);
        assertThat(Failure.of(maria, mysql)).isEqualTo(Failure.DUPLICATE);
        assertThat(postgres.violates(pg, postgres.credentialKey)).isTrue();
        assertThat(postgres.violates(pgPrimary, postgres.credentialKey)).isFalse();
        assertThat(h2.violates(h2Unique, h2.credentialKey)).isTrue();
        assertThat(h2.violates(h2Primary, h2.credentialKey)).isFalse();
        assertThat(mysql.violates(maria, mysql.credentialKey)).isTrue();
        assertThat(mysql.violates(mariaPrimary, mysql.credentialKey)).isFalse();
        assertThat(mysql.violates(mysql8, mysql.credentialKey)).isTrue();
    }

    @Test
    void whenAnythingElseGoesWrongThenOther() {
        assertThat(Failure.of(new SQLException("value too long", "22001"), postgres)).isEqualTo(Failure.OTHER);
        assertThat(Failure.of(new SQLException("no such table", "42P01"), postgres)).isEqualTo(Failure.OTHER);
        assertThat(Failure.of(new SQLException("no state"), postgres)).isEqualTo(Failure.OTHER);
    }
}
