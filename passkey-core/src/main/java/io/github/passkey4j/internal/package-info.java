/**
 * Not API: the ceremonies, the engine adapter (the only code that sees Yubico's types) and helpers.
 * Public only so that the packages of passkey-core can share them; anything here may change or go in
 * any release. passkey-core is an automatic module or on the class path (see
 * {@link io.github.passkey4j}), where nothing can hide this package; it is left out of the javadoc, and a test checks that no public signature of
 * the API mentions it.
 */
package io.github.passkey4j.internal;
