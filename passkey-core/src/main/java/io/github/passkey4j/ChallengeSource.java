package io.github.passkey4j;

import java.security.SecureRandom;

/**
 * Makes ceremony challenges. The default draws 32 bytes from {@link SecureRandom}; tests inject
 * fixed challenges to replay recorded authenticator responses.
 */
@FunctionalInterface
public interface ChallengeSource {

    /** @return a new challenge, at least 16 bytes of unpredictable data */
    byte[] nextChallenge();

    /** @return 32 bytes from a shared {@link SecureRandom} */
    static ChallengeSource secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] challenge = new byte[32];
            random.nextBytes(challenge);
            return challenge;
        };
    }
}
