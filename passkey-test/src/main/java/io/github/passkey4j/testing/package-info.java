/**
 * Test kit for hosts of passkey4j (artifact {@code io.github.passkey4j:passkey-test}, test scope):
 * {@link io.github.passkey4j.testing.SoftwareAuthenticator} plays the browser and the authenticator
 * in plain Java, and {@link io.github.passkey4j.testing.MutableClock} moves time by hand. With them a
 * unit test runs a real registration and sign-in against a real {@code Passkeys} on the in-memory
 * store: no browser, no database, no mocks.
 *
 * <p>Compatibility: this package is public API and follows the library's versioning.
 */
package io.github.passkey4j.testing;
