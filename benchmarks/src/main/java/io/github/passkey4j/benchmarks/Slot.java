package io.github.passkey4j.benchmarks;

import io.github.passkey4j.PasskeyUser;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/** One JMH thread's users, taken round robin. */
@State(Scope.Thread)
public class Slot {

    /** This thread's index. */
    public int thread;
    private int nextSignIn;
    private int nextList;

    /**
     * @param env the environment
     * @param params the thread's parameters
     */
    @Setup(Level.Trial)
    public void setUp(Env env, ThreadParams params) {
        thread = params.getThreadIndex();
    }

    /**
     * @param env the environment
     * @return the index of this thread's next sign-in user
     */
    public int nextSignInIndex(Env env) {
        int i = nextSignIn;
        nextSignIn = i + 1 == Env.SIGN_IN_USERS ? 0 : i + 1;
        return i;
    }

    /**
     * @param env the environment
     * @return this thread's next list user
     */
    public PasskeyUser nextListUser(Env env) {
        int i = nextList;
        nextList = i + 1 == Env.LIST_USERS ? 0 : i + 1;
        return env.listUsers[thread][i];
    }
}
