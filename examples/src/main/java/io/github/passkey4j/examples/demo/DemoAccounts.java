package io.github.passkey4j.examples.demo;

import io.github.passkey4j.web.WebError;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's own users and their session tokens, in two small tables beside the passkey store's (a
 * real host has its own users and sessions; the library only needs a {@link PasskeyUser}). Plain
 * JDBC, prepared statements only. Tokens are 256 random bits; only their SHA-256 is stored.
 */
final class DemoAccounts {

    /** How long a sign-up session token is valid by default ({@code --session-lifetime}). */
    static final Duration SESSION_LIFETIME = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(DemoAccounts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;
    private final IdGenerator ids;
    private final String resourceOwner;
    private final Duration sessionLifetime;

    /**
     * @param dataSource the demo's database
     * @param clock the time source
     * @param ids where user ids come from
     * @param resourceOwner the organisation every demo user belongs to
     * @param sessionLifetime how long a sign-up's token is valid
     */
    DemoAccounts(DataSource dataSource, Clock clock, IdGenerator ids, String resourceOwner, Duration sessionLifetime) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.ids = ids;
        this.resourceOwner = resourceOwner;
        this.sessionLifetime = sessionLifetime;
    }

    /** A new user and its first session token: {@code {"userId", "resourceOwner", "sessionToken"}}. */
    @JsonPropertyOrder({"userId", "resourceOwner", "sessionToken"})
    record SignUp(String userId, String resourceOwner, String sessionToken) {
    }

    /** Creates the two tables when they are missing (H2 and PostgreSQL understand the same DDL). */
    void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS demo_user (
                      user_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
                      login_name     VARCHAR(400) NOT NULL,
                      login_key      VARCHAR(400) NOT NULL UNIQUE,
                      display_name   VARCHAR(400) NOT NULL,
                      resource_owner VARCHAR(64)  NOT NULL,
                      created_at     BIGINT       NOT NULL
                    )""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS demo_session (
                      token_hash CHAR(64)    NOT NULL PRIMARY KEY,
                      user_id    VARCHAR(64) NOT NULL REFERENCES demo_user (user_id),
                      expires_at BIGINT      NOT NULL
                    )""");
            // the optional password of a demo user, for the passkey upgrade after a password sign-in
            s.execute("ALTER TABLE demo_user ADD COLUMN IF NOT EXISTS password_hash VARCHAR(200)");
            s.execute("ALTER TABLE demo_user ADD COLUMN IF NOT EXISTS password_verified_at BIGINT");
        }
    }

    /**
     * Signs a new user up and opens a session for it.
     *
     * @param loginName the login name, unique regardless of case
     * @param displayName the display name, the login name when empty; stored NFC-normalised by the
     *     library's rule for names ({@link io.github.passkey4j.Names})
     * @return the user and a session token
     * @throws WebError 409 when the login name is taken
     * @throws PasskeyException INVALID_ARGUMENT when a name is empty, too long or has control characters
     *     (for the display name also bidi controls: {@code PASSKEY-NAME-INVALID})
     */
    SignUp signUp(String loginName, Optional<String> displayName) {
        return signUp(loginName, displayName, Optional.empty());
    }

    /**
     * Signs a new user up, with a password when one is given, and opens a session for it.
     *
     * @param loginName the login name, unique regardless of case
     * @param displayName the display name, the login name when empty
     * @param password a password of 8 to 128 characters, kept as a PBKDF2 hash, if any
     * @return the user and a session token
     */
    SignUp signUp(String loginName, Optional<String> displayName, Optional<String> password) {
        String login = validName("loginName", loginName);
        String passwordHash = password.map(DemoAccounts::hashPassword).orElse(null);
        String display = io.github.passkey4j.Names.normalize(
                displayName.filter(d -> !d.isBlank()).map(String::strip).orElse(login), "displayName");
        String userId = ids.nextId();
        String token = newToken();
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement user = c.prepareStatement("INSERT INTO demo_user "
                    + "(user_id, login_name, login_key, display_name, resource_owner, created_at, password_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                user.setString(1, userId);
                user.setString(2, login);
                user.setString(3, login.toLowerCase(Locale.ROOT));
                user.setString(4, display);
                user.setString(5, resourceOwner);
                user.setLong(6, now);
                user.setString(7, passwordHash);
                user.executeUpdate();
                insertSession(c, userId, token, now);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isUniqueViolation(e) && loginTaken(c, login)) {
                    throw HttpError.loginNameTaken();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return new SignUp(userId, resourceOwner, token);
    }

    /**
     * Signs a user in with the password: a new session token, and the time of the check, which a passkey
     * upgrade (conditional create) right after it relies on.
     *
     * @param loginName the login name, in any case
     * @param password the password
     * @return the user and a session token
     * @throws WebError 401 for an unknown login name, a user without a password or a wrong password
     *     (the same answer, after the same work)
     */
    SignUp signInWithPassword(String loginName, String password) {
        if (loginName == null || password == null || password.length() > MAX_PASSWORD_CHARS) {
            throw HttpError.unauthenticated("the login name or the password is wrong");
        }
        String key = loginName.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection()) {
            String userId = null;
            String stored = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT user_id, password_hash FROM demo_user WHERE login_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        userId = r.getString(1);
                        stored = r.getString(2);
                    }
                }
            }
            boolean matches = passwordMatches(stored == null ? DUMMY_HASH : stored, password) && stored != null;
            if (!matches) {
                throw HttpError.unauthenticated("the login name or the password is wrong");
            }
            String token = newToken();
            long now = clock.millis();
            c.setAutoCommit(false);
            try (PreparedStatement verified = c.prepareStatement(
                    "UPDATE demo_user SET password_verified_at = ? WHERE user_id = ?")) {
                verified.setLong(1, now);
                verified.setString(2, userId);
                verified.executeUpdate();
                insertSession(c, userId, token, now);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return new SignUp(userId, resourceOwner, token);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Stores a new session token (its hash) of the user, in the caller's transaction. */
    private void insertSession(Connection c, String userId, String token, long now) throws SQLException {
        try (PreparedStatement session = c.prepareStatement(
                "INSERT INTO demo_session (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
            session.setString(1, hash(token));
            session.setString(2, userId);
            session.setLong(3, now + sessionLifetime.toMillis());
            session.executeUpdate();
        }
    }

    /**
     * @param userId a user id
     * @return when the user last signed in with the password, if ever
     */
    Optional<java.time.Instant> passwordVerifiedAt(String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT password_verified_at FROM demo_user WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long at = r.getLong(1);
                return r.wasNull() ? Optional.empty() : Optional.of(java.time.Instant.ofEpochMilli(at));
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static final int MIN_PASSWORD_CHARS = 8;
    private static final int MAX_PASSWORD_CHARS = 128;
    /** PBKDF2-HMAC-SHA256 work factor (OWASP's 2023 advice is 600,000; the demo's tests sign many users up). */
    private static final int PBKDF2_ITERATIONS = 210_000;
    /** Compared against when the login name is unknown, so that the answer takes as long. */
    private static final String DUMMY_HASH = hashPassword("not a password of anyone");

    /** @return {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, base64url */
    static String hashPassword(String password) {
        if (password.length() < MIN_PASSWORD_CHARS || password.length() > MAX_PASSWORD_CHARS) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID,
                    "password must have " + MIN_PASSWORD_CHARS + " to " + MAX_PASSWORD_CHARS + " characters");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return "pbkdf2-sha256$" + PBKDF2_ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, PBKDF2_ITERATIONS));
    }

    static boolean passwordMatches(String stored, String password) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
        byte[] actual = pbkdf2(password, Base64.getUrlDecoder().decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            javax.crypto.SecretKeyFactory f = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * @param token a session token from a bearer header
     * @return the id of its user, when the token is known and not expired
     */
    Optional<String> userIdForToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT user_id FROM demo_session WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, hash(token));
            s.setLong(2, clock.millis());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * @param loginName a login name, in any case
     * @return the user with that login name
     */
    Optional<PasskeyUser> userByLoginName(String loginName) {
        String key = loginName.strip().toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT user_id, login_name, display_name, resource_owner FROM demo_user WHERE login_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new PasskeyUser(r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * @param userId a user id
     * @return the user as the library needs it
     */
    Optional<PasskeyUser> user(String userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT login_name, display_name, resource_owner FROM demo_user WHERE user_id = ?")) {
            s.setString(1, userId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new PasskeyUser(userId, r.getString(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Signs a sign-up's token out: it is no bearer any more.
     *
     * @param token a bearer token
     * @return whether it was a sign-up's token that had not expired
     */
    boolean revoke(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_session WHERE token_hash = ? AND expires_at > ?")) {
            s.setString(1, hash(token));
            s.setLong(2, clock.millis());
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * @param userId a user id
     * @return the rate limits' name of the user: {@code login:} and its login name as compared
     */
    Optional<String> limitName(String userId) {
        return user(userId).map(u -> "login:" + u.loginName().toLowerCase(Locale.ROOT));
    }

    /** @return how many expired session tokens were deleted */
    int purgeExpiredSessions() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM demo_session WHERE expires_at <= ?")) {
            s.setLong(1, clock.millis());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static boolean loginTaken(Connection c, String login) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM demo_user WHERE login_key = ?")) {
            s.setString(1, login.toLowerCase(Locale.ROOT));
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** The rule of passkey names, for the demo's names too: 1 to 200 code points, no control characters. */
    private static String validName(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.codePointCount(0, v.length()) > 200
                || v.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                        || Character.getType(cp) == Character.SURROGATE)) {
            throw new PasskeyException(ErrorReason.ARGUMENT_INVALID,
                    field + " must have 1 to 200 characters and no control characters");
        }
        return v;
    }

    /** @return a new session token: 256 random bits, base64url */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return the SHA-256 of a token, in hex: what the tables keep instead of the token */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static PasskeyException unavailable(SQLException e) {
        LOG.warn("the demo database failed: {} (SQLState {})", e.getMessage(), e.getSQLState());
        return new PasskeyException(ErrorReason.STORE_UNAVAILABLE, ErrorReason.STORE_UNAVAILABLE.defaultMessage(), e);
    }
}
