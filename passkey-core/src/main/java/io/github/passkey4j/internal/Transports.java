package io.github.passkey4j.internal;

import com.yubico.webauthn.data.AuthenticatorTransport;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Transport names as the engine's values, looked up in a map built once: the engine's
 * {@code AuthenticatorTransport.of} streams over a fresh copy of its known values for every name, and
 * every begun and finished ceremony names the transports of each passkey it lists.
 */
final class Transports {

    private static final Map<String, AuthenticatorTransport> KNOWN;

    static {
        Map<String, AuthenticatorTransport> known = new HashMap<>();
        for (AuthenticatorTransport t : AuthenticatorTransport.values()) {
            known.put(t.getId(), t);
        }
        KNOWN = Collections.unmodifiableMap(known);
    }

    private Transports() {
    }

    /**
     * @param names transport names, as browsers send them (unknown names are kept, as the engine keeps them)
     * @return the engine's values, in order, without duplicates
     */
    static Set<AuthenticatorTransport> of(List<String> names) {
        Set<AuthenticatorTransport> set = new LinkedHashSet<>(names.size() * 2);
        for (String name : names) {
            AuthenticatorTransport known = KNOWN.get(name);
            set.add(known != null ? known : AuthenticatorTransport.of(name));
        }
        return set;
    }
}
