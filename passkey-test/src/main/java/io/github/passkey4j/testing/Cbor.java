package io.github.passkey4j.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The little CBOR (RFC 8949) an authenticator writes: unsigned and negative integers, text and byte
 * strings, and maps in insertion order. Written here so that the test kit needs no CBOR library.
 */
final class Cbor {

    private Cbor() {
    }

    /**
     * @param value an {@link Integer}, {@link Long}, {@link String}, {@code byte[]} or {@link Map} of these
     * @return its encoding
     */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof Integer i) {
            write(out, (long) i);
        } else if (value instanceof Long n) {
            if (n >= 0) {
                head(out, 0, n);
            } else {
                head(out, 1, -1 - n);
            }
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof byte[] bytes) {
            head(out, 2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("no CBOR for " + value);
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        int type = major << 5;
        if (n < 24) {
            out.write(type | (int) n);
        } else if (n < 0x100) {
            out.write(type | 24);
            out.write((int) n);
        } else if (n < 0x1_0000) {
            out.write(type | 25);
            writeBigEndian(out, n, 2);
        } else if (n < 0x1_0000_0000L) {
            out.write(type | 26);
            writeBigEndian(out, n, 4);
        } else {
            out.write(type | 27);
            writeBigEndian(out, n, 8);
        }
    }

    private static void writeBigEndian(ByteArrayOutputStream out, long n, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.write((int) (n >>> shift) & 0xff);
        }
    }
}
