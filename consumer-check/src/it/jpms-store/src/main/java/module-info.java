// open: JUnit, a named module here, instantiates the test classes patched into this module
open module com.example.store {
    requires io.github.passkey4j.store.jdbc;
    requires io.github.passkey4j.testing;
    requires io.github.passkey4j.store.tck;

    exports com.example.store;
}
