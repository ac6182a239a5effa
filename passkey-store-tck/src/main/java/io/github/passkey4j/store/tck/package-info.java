/**
 * The store TCK (artifact {@code io.github.passkey4j:passkey-store-tck}, test scope): the contract
 * suite every {@link io.github.passkey4j.store.PasskeyStore} passes. A store's test extends
 * {@link io.github.passkey4j.store.tck.PasskeyStoreContract} and implements {@code createStore()};
 * {@link io.github.passkey4j.store.tck.StoreFixtures} makes values for a store's own further tests.
 *
 * <p>The artifact brings JUnit Jupiter's API and AssertJ, which the suite is written with; a build
 * adds a JUnit Platform engine to run it (Maven Surefire or Gradle do, with {@code junit-jupiter}).
 */
package io.github.passkey4j.store.tck;
