package io.github.passkey4j.internal;

import com.yubico.webauthn.data.AttestationConveyancePreference;
import com.yubico.webauthn.data.PublicKeyCredentialParameters;
import io.github.passkey4j.ChallengeSource;
import io.github.passkey4j.IdGenerator;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.store.PasskeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a ceremony needs, fixed when the {@code Passkeys} instance is built.
 *
 * @param store where state lives
 * @param engine the WebAuthn engine, one relying party per RP id
 * @param clock the time source
 * @param challenges the challenge source
 * @param ids the id generator
 * @param timeout the ceremony timeout given to the browser
 * @param grace how long after the timeout the server still accepts the answer
 * @param userVerification the user verification requirement
 * @param algorithms the offered public key algorithms
 * @param attestation the attestation conveyance preference
 * @param offeredAlgorithms every algorithm offered, in order: those of {@code algorithms} and those
 *     the library verifies itself ({@link OwnSignatures}), which the engine's request type cannot hold
 */
public record Settings(
        PasskeyStore store,
        Engine engine,
        Clock clock,
        ChallengeSource challenges,
        IdGenerator ids,
        Duration timeout,
        Duration grace,
        UserVerification userVerification,
        List<PublicKeyCredentialParameters> algorithms,
        AttestationConveyancePreference attestation,
        List<Long> offeredAlgorithms) {

    /** Copies the list. */
    public Settings {
        offeredAlgorithms = List.copyOf(offeredAlgorithms);
    }

    /** @return whether algorithms the library verifies itself are offered (the options need them added) */
    public boolean offersOwnAlgorithms() {
        return offeredAlgorithms.size() != algorithms.size();
    }

    /** @return the current time at millisecond precision */
    public Instant now() {
        return Timestamps.millis(clock.instant());
    }

    /**
     * @param now when a ceremony begins
     * @return when its pending state expires on the server
     */
    public Instant expiry(Instant now) {
        return now.plus(timeout).plus(grace);
    }
}
