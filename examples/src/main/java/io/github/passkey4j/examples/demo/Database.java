package io.github.passkey4j.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.passkey4j.store.PasskeyStore;
import io.github.passkey4j.store.jdbc.JdbcPasskeyStore;
import javax.sql.DataSource;

/**
 * The demo's database: a connection pool on the JDBC URL (an H2 file under the working folder by
 * default, PostgreSQL with {@code --jdbc-url}), and the passkey store on it. The demo's own tables
 * ({@code demo_user}, {@code demo_session}) live beside the store's ({@code passkey4j_...}).
 */
final class Database implements AutoCloseable {

    /**
     * The default: an embedded H2 database in {@code ./data/}, so passkeys survive a restart. The
     * demo closes it itself on shutdown, after the server stopped, not H2's own shutdown hook.
     */
    static final String DEFAULT_URL = "jdbc:h2:file:./data/passkey4j-demo;DB_CLOSE_ON_EXIT=FALSE";

    private final HikariDataSource dataSource;
    private final String description;
    private final JdbcPasskeyStore store;

    private Database(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
        this.store = new JdbcPasskeyStore(dataSource);
    }

    /**
     * @param url a JDBC URL of H2 or PostgreSQL
     * @param user the user, may be null
     * @param password the password, may be null
     * @return the open database
     */
    static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("passkey4j-demo");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(10);
        // a lost database answers 503 within seconds rather than holding requests for Hikari's 30 s
        config.setConnectionTimeout(3000);
        config.setValidationTimeout(1000);
        return new Database(new HikariDataSource(config), describe(url));
    }

    /** @return the pool */
    DataSource dataSource() {
        return dataSource;
    }

    /** @return the URL without its parameters, for the log (never a password in a URL parameter) */
    String description() {
        return description;
    }

    /**
     * The passkey store on this database, with its tables created where they are missing (a quick
     * start's way; a production host runs the store's schema script through its migrations).
     *
     * @return the store
     */
    PasskeyStore passkeyStore() {
        store.createSchema();
        return store;
    }

    @Override
    public void close() {
        store.close();
        dataSource.close();
    }

    static String describe(String url) {
        int parameters = url.indexOf(';');
        int query = url.indexOf('?');
        int cut = parameters < 0 ? query : query < 0 ? parameters : Math.min(parameters, query);
        return cut < 0 ? url : url.substring(0, cut);
    }
}
