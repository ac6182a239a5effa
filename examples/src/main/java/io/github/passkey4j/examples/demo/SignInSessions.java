package io.github.passkey4j.examples.demo;

import io.github.passkey4j.IdGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The demo's sign-in sessions (ZITADEL's Session Service v2, the part for passkeys), in a table of
 * their own beside {@code demo_user}. A session is created with a pending sign-in (a ceremony of the
 * library) and a token that only reads and checks that session; when its passkey check succeeds it
 * gets a new token, which is then a bearer of the passkey's owner, and the old one stops working.
 * Only SHA-256 hashes of tokens are stored. Plain JDBC, prepared statements only.
 */
final class SignInSessions {

    /**
     * How long a session whose passkey check has not succeeded lives: longer than its sign-in ceremony
     * (60 s and 30 s of grace), so that a late answer hears "the ceremony expired" rather than "who
     * are you", and short, because anyone may create one.
     */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(10);

    /** How long a signed-in session lives after its passkey check by default: as long as a sign-up's token. */
    static final Duration SIGNED_IN_LIFETIME = DemoAccounts.SESSION_LIFETIME;

    private final DataSource dataSource;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration signedInLifetime;

    /**
     * A session as stored.
     *
     * @param id the session id
     * @param ceremonyId the library's sign-in ceremony
     * @param userId the user, once known: named at creation (username-first) or by the passkey
     * @param userCheckedAt when the user became known
     * @param sequence the session's own sequence: 1 when created, one more per change
     * @param createdAt when it was created
     * @param changedAt when it last changed
     * @param passkeyId the passkey that signed in
     * @param verifiedAt when the passkey check succeeded
     * @param userVerified whether the authenticator verified the user then
     * @param expiresAt when it stops working
     */
    record Session(String id, String ceremonyId, Optional<String> userId, Optional<Instant> userCheckedAt, long sequence,
            Instant createdAt, Instant changedAt, Optional<String> passkeyId, Optional<Instant> verifiedAt,
            boolean userVerified, Instant expiresAt) {

        boolean signedIn() {
            return verifiedAt.isPresent();
        }
    }

    /**
     * A session with its current token, which is shown once.
     *
     * @param session the session
     * @param token its token
     */
    record WithToken(Session session, String token) {
        @Override
        public String toString() {
            return "WithToken[session=" + session.id() + ", token=***]";
        }
    }

    /**
     * @param dataSource the demo's database
     * @param clock the time source
     * @param ids where session ids come from
     * @param signedInLifetime how long a session lives after its passkey check (as a sign-up's token)
     */
    SignInSessions(DataSource dataSource, Clock clock, IdGenerator ids, Duration signedInLifetime) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ids = ids;
        this.signedInLifetime = signedInLifetime;
    }

    /** Creates the table when it is missing (after {@code demo_user}, which it refers to). */
    void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS demo_signin (
                      session_id      VARCHAR(64) NOT NULL PRIMARY KEY,
                      token_hash      CHAR(64)    NOT NULL UNIQUE,
                      ceremony_id     VARCHAR(64) NOT NULL,
                      user_id         VARCHAR(64) REFERENCES demo_user (user_id),
                      user_checked_at BIGINT,
                      sequence        BIGINT      NOT NULL,
                      created_at      BIGINT      NOT NULL,
                      changed_at      BIGINT      NOT NULL,
                      passkey_id      VARCHAR(64),
                      verified_at     BIGINT,
                      user_verified   BOOLEAN     NOT NULL,
                      expires_at      BIGINT      NOT NULL
                    )""");
        }
    }

    /**
     * @param ceremonyId the library's sign-in ceremony
     * @param userId the user named by the sign-in (username-first), or empty (usernameless)
     * @return the new session and its token
     */
    WithToken create(String ceremonyId, Optional<String> userId) {
        String token = DemoAccounts.newToken();
        Instant now = Instant.ofEpochMilli(clock.millis());
        Session session = new Session(ids.nextId(), ceremonyId, userId, userId.map(u -> now), 1, now, now,
                Optional.empty(), Optional.empty(), false, now.plus(PENDING_LIFETIME));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO demo_signin (session_id, token_hash, ceremony_id, "
                     + "user_id, user_checked_at, sequence, created_at, changed_at, user_verified, expires_at) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, session.id());
            s.setString(2, DemoAccounts.hash(token));
            s.setString(3, ceremonyId);
            if (userId.isPresent()) {
                s.setString(4, userId.get());
                s.setLong(5, now.toEpochMilli());
            } else {
                s.setNull(4, Types.VARCHAR);
                s.setNull(5, Types.BIGINT);
            }
            s.setLong(6, session.sequence());
            s.setLong(7, now.toEpochMilli());
            s.setLong(8, now.toEpochMilli());
            s.setBoolean(9, false);
            s.setLong(10, session.expiresAt().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
        return new WithToken(session, token);
    }

    /**
     * @param sessionId a session id
     * @return the session, when it exists and has not expired
     */
    Optional<Session> find(String sessionId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT session_id, ceremony_id, user_id, user_checked_at, sequence, "
                     + "created_at, changed_at, passkey_id, verified_at, user_verified, expires_at FROM demo_signin "
                     + "WHERE session_id = ? AND expires_at > ?")) {
            s.setString(1, sessionId);
            s.setLong(2, clock.millis());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Session(r.getString(1), r.getString(2), Optional.ofNullable(r.getString(3)),
                        instant(r, 4), r.getLong(5), Instant.ofEpochMilli(r.getLong(6)), Instant.ofEpochMilli(r.getLong(7)),
                        Optional.ofNullable(r.getString(8)), instant(r, 9), r.getBoolean(10),
                        Instant.ofEpochMilli(r.getLong(11))));
            }
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    /**
     * @param sessionId a session id
     * @param token a bearer token
     * @return whether it is the session's current token and the session has not expired
     */
    boolean isCurrentToken(String sessionId, String token) {
        if (sessionId == null || !plausible(token)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT 1 FROM demo_signin WHERE session_id = ? AND token_hash = ? AND expires_at > ?")) {
            s.setString(1, sessionId);
            s.setString(2, DemoAccounts.hash(token));
            s.setLong(3, clock.millis());
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    /**
     * @param token a bearer token
     * @return the user it signed in, when it is the current token of a session whose passkey check
     *     succeeded and that has not expired; a session still waiting for its check is no bearer
     */
    Optional<String> userIdForToken(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT user_id FROM demo_signin "
                     + "WHERE token_hash = ? AND verified_at IS NOT NULL AND expires_at > ?")) {
            s.setString(1, DemoAccounts.hash(token));
            s.setLong(2, clock.millis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.ofNullable(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    /**
     * Records a successful passkey check: the session names the passkey's owner, gets a new token (the
     * old one stops working) and lives for the signed-in lifetime. Compare-and-set on the old
     * token, so of two calls with one token at most one succeeds.
     *
     * @param sessionId the session
     * @param oldToken the token the check came with
     * @param userId the passkey's owner
     * @param passkeyId the passkey
     * @param userVerified whether the authenticator verified the user
     * @param at when the library recorded the sign-in (the passkey's last use)
     * @return the session and its new token; empty when the old token is no longer current, the
     *     session is signed in already, it names another user, or it expired
     */
    Optional<WithToken> signIn(String sessionId, String oldToken, String userId, String passkeyId, boolean userVerified,
            Instant at) {
        String token = DemoAccounts.newToken();
        long now = at.toEpochMilli();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE demo_signin SET token_hash = ?, user_id = ?, "
                     + "user_checked_at = COALESCE(user_checked_at, ?), passkey_id = ?, verified_at = ?, user_verified = ?, "
                     + "sequence = sequence + 1, changed_at = ?, expires_at = ? "
                     + "WHERE session_id = ? AND token_hash = ? AND verified_at IS NULL AND expires_at > ? "
                     + "AND (user_id IS NULL OR user_id = ?)")) {
            s.setString(1, DemoAccounts.hash(token));
            s.setString(2, userId);
            s.setLong(3, now);
            s.setString(4, passkeyId);
            s.setLong(5, now);
            s.setBoolean(6, userVerified);
            s.setLong(7, now);
            s.setLong(8, now + signedInLifetime.toMillis());
            s.setString(9, sessionId);
            s.setString(10, DemoAccounts.hash(oldToken));
            s.setLong(11, clock.millis());
            s.setString(12, userId);
            if (s.executeUpdate() != 1) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
        return find(sessionId).map(session -> new WithToken(session, token));
    }

    /**
     * Ends a session: its token no longer reads it, nor is a bearer.
     *
     * @param sessionId the session
     * @param token its current token
     * @return the session as it was, with the sequence and time of its end; empty when it was gone
     */
    Optional<Session> end(String sessionId, String token) {
        Optional<Session> session = find(sessionId);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_signin WHERE session_id = ? AND token_hash = ?")) {
            s.setString(1, sessionId);
            s.setString(2, DemoAccounts.hash(token));
            if (s.executeUpdate() != 1) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
        Session was = session.get();
        Instant now = Instant.ofEpochMilli(clock.millis());
        return Optional.of(new Session(was.id(), was.ceremonyId(), was.userId(), was.userCheckedAt(), was.sequence() + 1,
                was.createdAt(), now, was.passkeyId(), was.verifiedAt(), was.userVerified(), now));
    }

    /**
     * Ends the session whose current token this is, signed in or still waiting for its check.
     *
     * @param token a bearer token
     * @return whether it was a session's current token and the session had not expired
     */
    boolean revoke(String token) {
        if (!plausible(token)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_signin WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, DemoAccounts.hash(token));
            s.setLong(2, clock.millis());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    /**
     * Ends every session a passkey signed in: called when the passkey is removed.
     *
     * @param passkeyId the removed passkey
     * @return how many sessions ended
     */
    int endForPasskey(String passkeyId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_signin WHERE passkey_id = ?")) {
            s.setString(1, passkeyId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    /** @return how many expired sessions were deleted */
    int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_signin WHERE expires_at <= ?")) {
            s.setLong(1, clock.millis());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw DemoAccounts.unavailable(e);
        }
    }

    private static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= 100;
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long millis = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
