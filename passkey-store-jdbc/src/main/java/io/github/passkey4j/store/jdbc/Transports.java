package io.github.passkey4j.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a passkey's transports in one text column, losslessly: each transport is written with {@code \} and
 * {@code ,} escaped by a {@code \} and ends with a {@code ,}. So {@code [internal, hybrid]} reads
 * {@code internal,hybrid,}, the empty list is the empty string, and no transport name can break the format.
 */
final class Transports {

    private Transports() {
    }

    static String encode(List<String> transports) {
        StringBuilder out = new StringBuilder();
        for (String t : transports) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == '\\' || c == ',') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append(',');
        }
        return out.toString();
    }

    static List<String> decode(String stored) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '\\' && i + 1 < stored.length()) {
                current.append(stored.charAt(++i));
            } else if (c == ',') {
                result.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            throw new IllegalStateException("transports column is not in the store's format");
        }
        return List.copyOf(result);
    }
}
