package io.github.passkey4j;

import io.github.passkey4j.internal.TimeOrderedIdGenerator;

/**
 * Makes ids for passkeys, ceremonies and registration codes: 64-bit numbers written as decimal
 * strings, like ZITADEL's ({@code 69629023906488334}). Must be unique across every node that shares
 * a store and safe to call from many threads.
 */
@FunctionalInterface
public interface IdGenerator {

    /** @return a new id */
    String nextId();

    /**
     * Time-ordered ids: 41 bits of milliseconds since 2020-01-01, 10 bits of node id, 12 bits of
     * sequence (4096 ids per millisecond per node), monotonic on one node.
     *
     * @param nodeId this node's id, 0 to 1023, distinct for every node sharing a store
     * @return the generator
     */
    static IdGenerator timeOrdered(int nodeId) {
        return new TimeOrderedIdGenerator(nodeId, java.time.Clock.systemUTC());
    }

    /**
     * Time-ordered ids with a random node id, for a single node or a demo. Nodes sharing a store
     * should use {@link #timeOrdered(int)} with distinct node ids.
     *
     * @return the generator
     */
    static IdGenerator timeOrdered() {
        return new TimeOrderedIdGenerator(new java.security.SecureRandom().nextInt(1024), java.time.Clock.systemUTC());
    }
}
