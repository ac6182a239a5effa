/**
 * passkey4j's API (artifact {@code io.github.passkey4j:passkey-core}): the
 * {@link io.github.passkey4j.Passkeys} facade, built once with a
 * {@link io.github.passkey4j.RelyingPartyConfig} and a {@link io.github.passkey4j.store.PasskeyStore},
 * adds, verifies, lists, renames and removes a signed-in user's passkeys, signs users in with them, and
 * hands out registration codes and links. Requests and responses are records that serialise to the JSON
 * shapes of ZITADEL's passkey API; every failure is a {@link io.github.passkey4j.PasskeyException} with
 * a gRPC-style code and a stable {@link io.github.passkey4j.ErrorReason}.
 *
 * <p>Java modules: passkey-core is the automatic module {@code io.github.passkey4j.core}, not a named
 * one, because Yubico's engine, which it reads, splits the package
 * {@code com.yubico.webauthn.attestation} over two of its jars; keep those on the class path. The
 * packages {@code io.github.passkey4j.internal*} are not API.
 */
package io.github.passkey4j;
