/**
 * Optional cryptography for hosts: {@link io.github.passkey4j.crypto.EcdsaVerifyProvider}, an opt-in
 * provider for faster ECDSA signature checks.
 */
package io.github.passkey4j.crypto;
