/**
 * The contract suite every passkey4j store passes. Open, so that JUnit may run the suite's nested
 * test classes by reflection on the module path.
 */
open module io.github.passkey4j.store.tck {
    requires transitive io.github.passkey4j.store;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    exports io.github.passkey4j.store.tck;
}
