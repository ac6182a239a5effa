// open: JUnit instantiates the test classes patched into this module
open module com.example.app {
    requires io.github.passkey4j.core;
    requires io.github.passkey4j.store;

    exports com.example.app;
}
