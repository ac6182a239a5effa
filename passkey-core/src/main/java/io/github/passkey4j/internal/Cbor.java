package io.github.passkey4j.internal;

import io.github.passkey4j.ErrorReason;
import io.github.passkey4j.PasskeyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the CTAP2 canonical CBOR subset the authenticator's data is written in, run on
 * the attestation object and the credential public key before the engine sees them.
 *
 * <p>It accepts unsigned and negative integers (within a Java {@code long}), byte and text strings
 * (text must be valid UTF-8), arrays, maps whose keys are integers or text strings, {@code false},
 * {@code true} and {@code null}. It refuses everything else: indefinite lengths, tags, floating point
 * and other simple values, integers and lengths not in their shortest form, duplicate map keys,
 * nesting deeper than {@link #MAX_DEPTH}, a declared
 * length longer than what is left of the input (checked before anything is allocated, so a huge
 * declared length costs nothing), and, where a whole input is read, bytes after its item.
 *
 * <p>Items are read into plain Java values: {@link Long}, {@code byte[]}, {@link String},
 * {@link List}, {@link Map} (in encoded order; integer keys as {@link Long}), {@link Boolean} and
 * {@link #NULL}.
 */
final class Cbor {

    /** The deepest nesting of arrays and maps accepted (the attestation object needs 4). */
    static final int MAX_DEPTH = 16;

    /** The CBOR {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final byte[] data;
    private final int end;
    private int pos;

    private Cbor(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** An item read, and where the next begins. */
    record Read(Object value, int end) {
    }

    /**
     * Reads one item that must fill the whole input.
     *
     * @param data the input
     * @param what what it is, for the message
     * @return the item
     * @throws PasskeyException CBOR_INVALID at the first defect
     */
    static Object readWhole(byte[] data, String what) {
        Read r = readItem(data, 0, data.length, what);
        if (r.end() != data.length) {
            throw invalid(what + " has " + (data.length - r.end()) + " bytes after its end");
        }
        return r.value();
    }

    /**
     * Reads one item at {@code start}; bytes may follow it.
     *
     * @param data the input
     * @param start where the item begins
     * @param end where the input ends
     * @param what what it is, for the message
     * @return the item and where it ends
     * @throws PasskeyException CBOR_INVALID at the first defect
     */
    static Read readItem(byte[] data, int start, int end, String what) {
        Cbor reader = new Cbor(data, start, end);
        try {
            Object value = reader.item(0);
            return new Read(value, reader.pos);
        } catch (Defect d) {
            throw invalid(what + " is not valid CBOR: " + d.getMessage() + " at byte " + reader.pos);
        }
    }

    private Object item(int depth) {
        if (pos >= end) {
            throw new Defect("it ends early");
        }
        int initial = data[pos++] & 0xff;
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (info == 31) {
            throw new Defect("indefinite lengths are not allowed");
        }
        if (major == 7) {
            switch (info) {
                case 20:
                    return Boolean.FALSE;
                case 21:
                    return Boolean.TRUE;
                case 22:
                    return NULL;
                default:
                    throw new Defect("simple value or float " + info + " is not allowed");
            }
        }
        if (major == 6) {
            throw new Defect("tags are not allowed");
        }
        long argument = argument(info);
        switch (major) {
            case 0:
                if (argument < 0) {
                    throw new Defect("an integer is too large");
                }
                return argument;
            case 1:
                if (argument < 0) {
                    throw new Defect("an integer is too small");
                }
                return -1 - argument;
            case 2:
                return Arrays.copyOfRange(data, pos, pos = pos + length(argument));
            case 3:
                int n = length(argument);
                String text = utf8(pos, n);
                pos += n;
                return text;
            case 4:
                return array(argument, depth + 1);
            default:
                return map(argument, depth + 1);
        }
    }

    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        int size;
        switch (info) {
            case 24:
                size = 1;
                break;
            case 25:
                size = 2;
                break;
            case 26:
                size = 4;
                break;
            case 27:
                size = 8;
                break;
            default:
                throw new Defect("reserved additional information " + info);
        }
        if (end - pos < size) {
            throw new Defect("it ends inside a length");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | (data[pos++] & 0xff);
        }
        // CTAP2 canonical CBOR: every integer and length in its shortest form (a longer one would read the same
        // to a lenient parser but re-encode to other bytes, so two readers would disagree about a key's bytes)
        long smallestForSize = size == 1 ? 24 : size == 2 ? 0x100 : size == 4 ? 0x1_0000 : 0x1_0000_0000L;
        if (value >= 0 && value < smallestForSize) {
            throw new Defect("an integer or length is not in its shortest form");
        }
        return value; // negative when the top bit of an 8-byte argument is set
    }

    /** A declared byte length, refused before anything is allocated when it exceeds what is left. */
    private int length(long declared) {
        if (declared < 0 || declared > end - pos) {
            throw new Defect("a declared length exceeds the data");
        }
        return (int) declared;
    }

    /** A declared element count: every element takes at least one byte. */
    private int count(long declared, int bytesPerElement) {
        if (declared < 0 || declared > (end - pos) / bytesPerElement) {
            throw new Defect("a declared count exceeds the data");
        }
        return (int) declared;
    }

    private List<Object> array(long declared, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Defect("nesting is deeper than " + MAX_DEPTH);
        }
        int n = count(declared, 1);
        List<Object> list = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            list.add(item(depth));
        }
        return Collections.unmodifiableList(list);
    }

    private Map<Object, Object> map(long declared, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Defect("nesting is deeper than " + MAX_DEPTH);
        }
        int n = count(declared, 2);
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int keyStart = pos;
            int major = pos < end ? (data[pos] & 0xff) >>> 5 : -1;
            if (major != 0 && major != 1 && major != 3) {
                throw new Defect("a map key must be an integer or a text string");
            }
            Object key = item(depth);
            if (map.containsKey(key)) {
                pos = keyStart;
                throw new Defect("a map key is duplicated");
            }
            map.put(key, item(depth));
        }
        return Collections.unmodifiableMap(map);
    }

    private String utf8(int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new Defect("a text string is not valid UTF-8");
        }
    }

    private static PasskeyException invalid(String message) {
        return new PasskeyException(ErrorReason.CBOR_INVALID, message);
    }

    /** A defect found while reading; carries no input bytes. */
    private static final class Defect extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Defect(String message) {
            super(message, null, false, false);
        }
    }
}
