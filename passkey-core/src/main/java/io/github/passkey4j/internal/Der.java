package io.github.passkey4j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of ASN.1 DER, for the one certificate extension the library reads itself (the
 * Android key attestation record). Definite lengths only; every length is checked against what is
 * left, so truncated or oversized input fails with {@link IllegalArgumentException}.
 */
final class Der {

    /** Tag class: universal. */
    static final int UNIVERSAL = 0;
    /** Tag class: context-specific. */
    static final int CONTEXT = 2;
    /** Universal tag: INTEGER. */
    static final int INTEGER = 2;
    /** Universal tag: OCTET STRING. */
    static final int OCTET_STRING = 4;
    /** Universal tag: ENUMERATED. */
    static final int ENUMERATED = 10;
    /** Universal tag: SEQUENCE. */
    static final int SEQUENCE = 16;
    /** Universal tag: SET. */
    static final int SET = 17;

    private static final int MAX_DEPTH_BYTES = 4;

    private Der() {
    }

    /**
     * One encoded element.
     *
     * @param tagClass the tag class (0 universal, 1 application, 2 context-specific, 3 private)
     * @param constructed whether it holds further elements
     * @param tag the tag number
     * @param buffer the whole input
     * @param start where the value starts in the buffer
     * @param end where the value ends (exclusive)
     */
    record Element(int tagClass, boolean constructed, int tag, byte[] buffer, int start, int end) {

        /** @return the value's bytes */
        byte[] value() {
            return Arrays.copyOfRange(buffer, start, end);
        }

        /** @return whether it is the universal element with that tag */
        boolean is(int universalTag) {
            return tagClass == UNIVERSAL && tag == universalTag;
        }

        /** @return the elements it holds */
        List<Element> children() {
            if (!constructed) {
                throw new IllegalArgumentException("a primitive DER element has no children");
            }
            List<Element> result = new ArrayList<>();
            int at = start;
            while (at < end) {
                Element child = read(buffer, at, end);
                result.add(child);
                at = child.end;
            }
            return result;
        }

        /** @return the value of an INTEGER or ENUMERATED */
        BigInteger integer() {
            if (!(is(INTEGER) || is(ENUMERATED)) || end == start) {
                throw new IllegalArgumentException("not a DER INTEGER");
            }
            return new BigInteger(value());
        }
    }

    /**
     * @param der the encoding of exactly one element
     * @return the element
     */
    static Element parse(byte[] der) {
        Element e = read(der, 0, der.length);
        if (e.end != der.length) {
            throw new IllegalArgumentException("trailing bytes after a DER element");
        }
        return e;
    }

    private static Element read(byte[] buf, int offset, int limit) {
        int at = offset;
        int first = byteAt(buf, at++, limit);
        int tagClass = first >>> 6;
        boolean constructed = (first & 0x20) != 0;
        int tag = first & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            int b;
            int count = 0;
            do {
                b = byteAt(buf, at++, limit);
                if (++count > MAX_DEPTH_BYTES) {
                    throw new IllegalArgumentException("DER tag number too large");
                }
                tag = (tag << 7) | (b & 0x7f);
            } while ((b & 0x80) != 0);
        }
        int lengthByte = byteAt(buf, at++, limit);
        long length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else {
            int count = lengthByte & 0x7f;
            if (count == 0 || count > MAX_DEPTH_BYTES) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | byteAt(buf, at++, limit);
            }
        }
        if (length > limit - at) {
            throw new IllegalArgumentException("DER length exceeds the input");
        }
        return new Element(tagClass, constructed, tag, buf, at, at + (int) length);
    }

    private static int byteAt(byte[] buf, int index, int limit) {
        if (index >= limit) {
            throw new IllegalArgumentException("truncated DER");
        }
        return buf[index] & 0xff;
    }
}
