package io.github.passkey4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.AttestationConveyance;
import io.github.passkey4j.PasskeyException;
import io.github.passkey4j.PasskeyInfo;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.RelyingPartyConfig;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import io.github.passkey4j.UserVerification;
import io.github.passkey4j.store.Bytes;
import io.github.passkey4j.store.EventType;
import io.github.passkey4j.store.InMemoryPasskeyStore;
import io.github.passkey4j.store.NewEvent;
import io.github.passkey4j.store.PasskeyState;
import io.github.passkey4j.store.StoredPasskey;
import io.github.passkey4j.testing.TestVectors.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Runs one test vector through the library's public API, the way a host would: configure the RP id
 * and origin the vector's source expected, inject its challenge and its verification time, begin the
 * ceremony, and finish it with the vector's credential JSON.
 */
public final class VectorRunner {

    /** The clock of a vector whose source pinned no time. */
    public static final Instant UNPINNED = TestPasskeys.START;
    /** The algorithms the library offers by default (its documented list). */
    public static final List<Long> DEFAULT_ALGORITHMS =
            List.of(-7L, -35L, -36L, -257L, -258L, -259L, -37L, -38L, -39L, -8L);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_ID = "214761547397939201";
    private static final String ORG = "69629023906488334";

    private VectorRunner() {
    }

    /**
     * What happened.
     *
     * @param failure the exception the library threw, if it refused
     * @param stored the passkey the store holds afterwards (the registered or the signed-in one)
     * @param listed what {@link Passkeys#listPasskeys} shows afterwards
     * @param signIn the sign-in result, for an authentication that passed
     */
    public record Outcome(Optional<PasskeyException> failure, Optional<StoredPasskey> stored, List<PasskeyInfo> listed,
            Optional<SignInResult> signIn) {

        /** @return whether the library accepted the vector */
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /**
     * @param v the vector
     * @return the outcome with the library's defaults (attestation policy "accept any")
     */
    public static Outcome run(Vector v) {
        return run(v, b -> b);
    }

    /**
     * @param v the vector
     * @param configure further settings for the {@link Passkeys} builder (an attestation policy, ...)
     * @return the outcome
     */
    public static Outcome run(Vector v, UnaryOperator<Passkeys.Builder> configure) {
        return run(v, v.atDate().orElse(UNPINNED), configure);
    }

    /**
     * @param v the vector
     * @param at the time to run it at, instead of the one its source pinned
     * @param configure further settings for the {@link Passkeys} builder
     * @return the outcome
     */
    public static Outcome run(Vector v, Instant at, UnaryOperator<Passkeys.Builder> configure) {
        return run(v, at, configure, true);
    }

    /**
     * @param v the vector
     * @return the outcome with the library's defaults, without the algorithms the library verifies
     *     itself ({@link Passkeys.Builder#enablePss()}, {@link Passkeys.Builder#enableMlDsa()}): the
     *     options a host gets when it does not enable them
     */
    public static Outcome runWithoutOwnAlgorithms(Vector v) {
        return run(v, v.atDate().orElse(UNPINNED), b -> b, false);
    }

    private static Outcome run(Vector v, Instant at, UnaryOperator<Passkeys.Builder> configure, boolean ownAlgorithms) {
        InMemoryPasskeyStore store = new InMemoryPasskeyStore();
        MutableClock clock = new MutableClock(at);
        List<Long> algorithms = new ArrayList<>(DEFAULT_ALGORITHMS);
        if (!algorithms.contains(v.alg())) {
            algorithms.add(v.alg());
        }
        Passkeys.Builder builder = Passkeys.builder()
                .store(store)
                .relyingParty(relyingParty(v))
                .clock(clock)
                .challenges(() -> v.challenge().clone())
                .userVerification(v.userVerificationRequired() ? UserVerification.REQUIRED : UserVerification.PREFERRED)
                .algorithms(algorithms)
                .attestation(AttestationConveyance.DIRECT);
        if (ownAlgorithms) {
            // the vectors of PS256, PS384 and ML-DSA need them enabled, as their sources allow them explicitly
            builder.enablePss().enableMlDsa();
        }
        // a vector that names the top origin the RP expects is run on an RP that allows it (issue 13)
        v.topOrigin().ifPresent(o -> builder.allowedTopOrigins(List.of(o)));
        Passkeys passkeys = configure.apply(builder).build();
        PasskeyUser user = new PasskeyUser(USER_ID, "vector@passkey4j.test", "Test Vector", ORG);
        return v.registration() ? register(v, passkeys, store, user) : authenticate(v, passkeys, store, user, clock);
    }

    /**
     * The vector's RP id and origin; an origin on another domain (a vector whose expected origin is
     * deliberately not the browser's) is declared a related origin, since the configuration refuses it
     * as a plain one.
     */
    private static RelyingPartyConfig relyingParty(Vector v) {
        String origin = v.origin();
        String host = origin.startsWith("android:") ? v.rpId() : java.net.URI.create(origin).getHost();
        if (host.equals(v.rpId()) || host.endsWith("." + v.rpId())) {
            return new RelyingPartyConfig(v.rpId(), "Test vectors", Set.of(origin));
        }
        // an origin is required; this one is on the RP id's domain and is never the browser's
        return new RelyingPartyConfig(v.rpId(), "Test vectors", Set.of("https://unused-origin." + v.rpId()), Set.of(origin));
    }

    private static Outcome register(Vector v, Passkeys passkeys, InMemoryPasskeyStore store, PasskeyUser user) {
        AddPasskeyResponse added = passkeys.addPasskey(user);
        try {
            passkeys.verifyPasskey(user.id(), added.passkeyId(), v.credentialJson(), "Vector " + v.name());
        } catch (PasskeyException e) {
            return new Outcome(Optional.of(e), store.findPasskey(added.passkeyId()), passkeys.listPasskeys(user.id()),
                    Optional.empty());
        }
        return new Outcome(Optional.empty(), store.findPasskey(added.passkeyId()), passkeys.listPasskeys(user.id()),
                Optional.empty());
    }

    private static Outcome authenticate(Vector v, Passkeys passkeys, InMemoryPasskeyStore store, PasskeyUser user,
            MutableClock clock) {
        Instant now = clock.instant();
        String passkeyId = "214761547397939202";
        StoredPasskey passkey = new StoredPasskey(passkeyId, user.id(), user.resourceOwner(), v.rpId(),
                Bytes.of(v.credentialId()), Bytes.of(v.userHandle().orElse(user.id().getBytes(StandardCharsets.UTF_8))),
                Bytes.of(v.credentialPublicKey().orElseThrow()), v.prevSignCount().orElseThrow(), new UUID(0, 0), List.of(),
                backupEligible(v), false, false, v.fmt(), false, "Vector " + v.name(), PasskeyState.READY, false, now, now,
                Optional.empty());
        store.insertPasskey(passkey, new NewEvent(user.id(), user.resourceOwner(), EventType.PASSKEY_VERIFIED, passkeyId, now),
                Optional.empty(), Optional.empty());
        SignInChallenge challenge = passkeys.beginSignIn(SignInOptions.forUser(user.id()));
        try {
            SignInResult result = passkeys.finishSignIn(challenge.ceremonyId(), v.credentialJson());
            return new Outcome(Optional.empty(), store.findPasskey(passkeyId), passkeys.listPasskeys(user.id()),
                    Optional.of(result));
        } catch (PasskeyException e) {
            return new Outcome(Optional.of(e), store.findPasskey(passkeyId), passkeys.listPasskeys(user.id()),
                    Optional.empty());
        }
    }

    /**
     * The BE flag the registration would have stored: the authenticator data's flags byte is at
     * offset 32 of the assertion's authenticator data, BE is bit 3.
     */
    private static boolean backupEligible(Vector v) {
        JsonNode credential;
        try {
            credential = JSON.readTree(v.credentialJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] authData = TestVectors.decode(credential.get("response").get("authenticatorData").asText());
        return (authData[32] & 0x08) != 0;
    }
}
