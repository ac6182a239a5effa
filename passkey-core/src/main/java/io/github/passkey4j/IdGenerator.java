package io.github.passkey4j;

import io.github.passkey4j.internal.RandomIdGenerator;
import io.github.passkey4j.internal.TimeOrderedIdGenerator;

/**
 * Makes ids for passkeys, ceremonies and registration codes: 64-bit numbers written as decimal
 * strings, like ZITADEL's ({@code 69629023906488334}). Must be unique across every node that shares
 * a store and safe to call from many threads.
 *
 * <p>Two kinds are offered, and neither needs anything else to be safe:
 * <ul>
 *   <li>{@link #random()}, the default of {@link Passkeys.Builder#ids}: 63 random bits per id, so any
 *       number of nodes share a store without being told about each other. A new id meets an
 *       existing one with a probability of (ids kept) / 2<sup>63</sup>: about one in 10<sup>11</sup>
 *       per id with a hundred million passkeys, and even then the store refuses the duplicate
 *       ({@code DUPLICATE_ID}) instead of mixing two objects up.</li>
 *   <li>{@link #timeOrdered(int)}: ids that grow with time, with a node id that the deployment
 *       gives every node explicitly and that must differ between all nodes sharing a store; unique by
 *       construction, and ordered for the database's indexes.</li>
 * </ul>
 */
@FunctionalInterface
public interface IdGenerator {

    /** @return a new id */
    String nextId();

    /**
     * Random ids, safe on any number of nodes without configuration: each id is 63 bits from a
     * {@link java.security.SecureRandom}, a positive decimal number of 18 or 19 digits (at least
     * 10<sup>17</sup>). Not ordered by time. This is what {@link Passkeys} uses unless told otherwise.
     *
     * @return the generator
     */
    static IdGenerator random() {
        return new RandomIdGenerator(new java.security.SecureRandom());
    }

    /**
     * Time-ordered ids: 41 bits of milliseconds since 2020-01-01, 10 bits of node id, 12 bits of
     * sequence (4096 ids per millisecond per node), monotonic on one node. Unique only if every node
     * sharing a store has its own node id: give each node its number from the deployment (a
     * StatefulSet's ordinal, a setting per host), never a random or a hashed one.
     *
     * @param nodeId this node's id, 0 to 1023, distinct for every node sharing a store
     * @return the generator
     */
    static IdGenerator timeOrdered(int nodeId) {
        return new TimeOrderedIdGenerator(nodeId, java.time.Clock.systemUTC());
    }

    /**
     * Time-ordered ids with a random node id: two nodes draw the same node id with a chance of one
     * in 1024 (one in 20 among ten nodes), and then make the same ids in the same millisecond.
     *
     * @return the generator
     * @deprecated safe on a single node only; use {@link #random()}, which is safe on any number of
     *     nodes, or {@link #timeOrdered(int)} with a node id given explicitly to every node
     */
    @Deprecated
    static IdGenerator timeOrdered() {
        return new TimeOrderedIdGenerator(new java.security.SecureRandom().nextInt(1024), java.time.Clock.systemUTC());
    }
}
