/**
 * passkey4j's test kit: a software authenticator and a hand-moved clock for hosts' unit tests.
 */
module io.github.passkey4j.testing {
    requires com.fasterxml.jackson.databind;

    exports io.github.passkey4j.testing;
}
