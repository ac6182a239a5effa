package io.github.passkey4j.benchmarks;

/** The JDBC store on a started database (the store lands from the JDBC branch). */
final class JdbcStores {

    private JdbcStores() {
    }

    static Stores.Opened open(Databases.Database database) {
        database.close();
        throw new UnsupportedOperationException("the JDBC store has not landed on this branch yet");
    }
}
