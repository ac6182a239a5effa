package io.github.passkey4j.benchmarks;

import io.github.passkey4j.AddPasskeyResponse;
import io.github.passkey4j.Details;
import io.github.passkey4j.PasskeyInfo;
import io.github.passkey4j.PasskeyUser;
import io.github.passkey4j.Passkeys;
import io.github.passkey4j.SignInChallenge;
import io.github.passkey4j.SignInOptions;
import io.github.passkey4j.SignInResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The library's ceremonies through the public {@code Passkeys} API, on the store of {@link Env}.
 * Each operation is one call a host makes for one browser request (or two, for a whole ceremony).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class Ceremonies {

    // ------------------------------------------------------------------ registration

    /** "Add passkey" (registration begin) for a user with one passkey. */
    @Benchmark
    public AddPasskeyResponse registrationBegin(Env env, Slot slot) {
        AddPasskeyResponse r = env.live.addPasskey(env.signInUsers[slot.thread][slot.nextSignInIndex(env)]);
        env.begun();
        return r;
    }

    /** "Verify" (registration finish), "none" attestation. */
    @Benchmark
    public Details registrationFinishNone(Env env, NoneRegistrations pool) {
        Registration r = pool.next(env);
        return pool.passkeys(env).verifyPasskey(r.userId, r.passkeyId, r.credentialJson, "Laptop");
    }

    /** "Verify" (registration finish), "packed" self attestation: one ECDSA verification. */
    @Benchmark
    public Details registrationFinishPacked(Env env, Verifier verifier, PackedRegistrations pool) {
        Registration r = pool.next(env);
        return pool.passkeys(env).verifyPasskey(r.userId, r.passkeyId, r.credentialJson, "Laptop");
    }

    /** A whole registration, "none" attestation: "Add passkey" then "Verify" for a new user. */
    @Benchmark
    public Details registrationCeremony(Env env, Answers answers) {
        PasskeyUser user = env.newUser();
        AddPasskeyResponse added = env.fixed.addPasskey(user);
        return env.fixed.verifyPasskey(user.id(), added.passkeyId(), answers.next(env), "Laptop");
    }

    // ------------------------------------------------------------------ sign-in

    /** Sign-in begin, username-first (reads the user's passkeys for allowCredentials). */
    @Benchmark
    public SignInChallenge signInBegin(Env env, Slot slot) {
        SignInChallenge c = env.live.beginSignIn(SignInOptions.forUser(env.signInUsers[slot.thread][slot.nextSignInIndex(env)].id()));
        env.begun();
        return c;
    }

    /** Sign-in finish: one ECDSA verification, the counter and last-use update. */
    @Benchmark
    public SignInResult signInFinish(Env env, Verifier verifier, SignIns pool) {
        SignIn s = pool.next(env);
        return env.fixed.finishSignIn(s.ceremonyId, s.assertionJson);
    }

    /** A whole sign-in: begin then finish. */
    @Benchmark
    public SignInResult signInCeremony(Env env, Verifier verifier, Slot slot) {
        int i = slot.nextSignInIndex(env);
        SignInChallenge c = env.fixed.beginSignIn(SignInOptions.forUser(env.signInUsers[slot.thread][i].id()));
        return env.fixed.finishSignIn(c.ceremonyId(), env.assertions[slot.thread][i]);
    }

    /** The user's passkeys, 10 of them. */
    @Benchmark
    public List<PasskeyInfo> listPasskeys(Env env, Slot slot) {
        return env.live.listPasskeys(slot.nextListUser(env).id());
    }

    // ------------------------------------------------------------------ inputs

    /** A begun registration and the browser's answer to it. */
    public record Registration(String userId, String passkeyId, String credentialJson) {
    }

    /** A begun sign-in and the browser's answer to it. */
    public record SignIn(String ceremonyId, String assertionJson) {
    }

    /**
     * Begun registrations of new users, answered with "none" or "packed" attestation. On the in-memory
     * store each fill begins them on a fresh store ({@link Env#freshInMemory}), where they are then
     * finished: the in-memory store keeps every passkey and event for good, so on the shared one an
     * iteration's hundred thousand registrations piled up behind every other iteration's, and the
     * figure measured the garbage collector copying them (the engine's floor stores nothing). A
     * database store is the shared one, whose rows live outside the heap.
     */
    public abstract static class Registrations extends Pool<Registration> {
        private int thread;
        private Passkeys passkeys;

        Registrations(int initialSize) {
            super(initialSize);
        }

        abstract boolean packed();

        @Override
        protected void fill(Env env, int t) {
            passkeys = env.store.equals("memory") ? env.freshInMemory() : env.fixed;
            super.fill(env, t);
        }

        /**
         * @param env the environment
         * @return the instance the pool's registrations were begun on, and are to be finished on
         */
        Passkeys passkeys(Env env) {
            return passkeys != null ? passkeys : env.fixed;
        }

        @Override
        protected Registration make(Env env, int t) {
            PasskeyUser user = env.newUser();
            AddPasskeyResponse added = passkeys(env).addPasskey(user);
            return new Registration(user.id(), added.passkeyId(),
                    env.authenticator.registration(env.newCredentialId(), packed()));
        }

        /** @param env the environment @param params the thread */
        @Setup(Level.Iteration)
        public void fill(Env env, ThreadParams params) {
            thread = params.getThreadIndex();
            fill(env, thread);
        }

        /** @param params the iteration */
        @TearDown(Level.Iteration)
        public void adapt(IterationParams params) {
            adapt(params, getClass().getSimpleName());
        }

        Registration next(Env env) {
            return take(env, thread);
        }
    }

    /** Answered with "none" attestation. */
    @State(Scope.Thread)
    public static class NoneRegistrations extends Registrations {
        /** A pool. */
        public NoneRegistrations() {
            super(16384);
        }

        @Override
        boolean packed() {
            return false;
        }
    }

    /** Answered with "packed" self attestation. */
    @State(Scope.Thread)
    public static class PackedRegistrations extends Registrations {
        /** A pool. */
        public PackedRegistrations() {
            super(1024);
        }

        @Override
        boolean packed() {
            return true;
        }
    }

    /** Browsers' "none" answers for registrations not begun yet (each with a new credential id). */
    @State(Scope.Thread)
    public static class Answers extends Pool<String> {
        private int thread;

        /** A pool. */
        public Answers() {
            super(16384);
        }

        @Override
        protected String make(Env env, int t) {
            return env.authenticator.registration(env.newCredentialId(), false);
        }

        /** @param env the environment @param params the thread */
        @Setup(Level.Iteration)
        public void fill(Env env, ThreadParams params) {
            thread = params.getThreadIndex();
            fill(env, thread);
        }

        /** @param params the iteration */
        @TearDown(Level.Iteration)
        public void adapt(IterationParams params) {
            adapt(params, "Answers");
        }

        String next(Env env) {
            return take(env, thread);
        }
    }

    /** Begun sign-ins of this thread's users, each with its assertion. */
    @State(Scope.Thread)
    public static class SignIns extends Pool<SignIn> {
        private int thread;
        private int user;

        /** A pool. */
        public SignIns() {
            super(4096);
        }

        /**
         * The library keeps at most {@link Env#MAX_OPEN_PER_USER} open sign-ins per user (the oldest beyond expire),
         * so the pool holds no more than its users may have open: a faster verification once made an iteration use
         * so many that three times as many expired the oldest pooled ceremonies before they were finished.
         */
        @Override
        protected int max() {
            return Env.SIGN_IN_USERS * Env.MAX_OPEN_PER_USER;
        }

        @Override
        protected SignIn make(Env env, int t) {
            int i = user;
            user = i + 1 == Env.SIGN_IN_USERS ? 0 : i + 1;
            SignInChallenge c = env.fixed.beginSignIn(SignInOptions.forUser(env.signInUsers[t][i].id()));
            return new SignIn(c.ceremonyId(), env.assertions[t][i]);
        }

        /** @param env the environment @param params the thread */
        @Setup(Level.Iteration)
        public void fill(Env env, ThreadParams params) {
            thread = params.getThreadIndex();
            fill(env, thread);
        }

        /** @param params the iteration */
        @TearDown(Level.Iteration)
        public void adapt(IterationParams params) {
            adapt(params, "SignIns");
        }

        SignIn next(Env env) {
            return take(env, thread);
        }
    }
}
