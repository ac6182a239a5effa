package io.github.passkey4j.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable sequence of bytes: credential ids, user handles, COSE public keys, challenges,
 * hashes. Records never hold a raw {@code byte[]}; they hold {@code Bytes}, which copies on the
 * way in and on the way out and compares by content.
 *
 * <p>{@link #toString()} prints only the length, never the content, so that a challenge or a key
 * cannot reach a log by accident. Use {@link #toBase64Url()} where the content is wanted.
 */
public final class Bytes implements Comparable<Bytes> {

    private static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final byte[] bytes;
    private int hash;

    private Bytes(byte[] owned) {
        this.bytes = owned;
    }

    /**
     * Wraps a copy of the given array.
     *
     * @param bytes the content, not null
     * @return the bytes
     */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * The UTF-8 encoding of a string (how a user id becomes a WebAuthn user handle).
     *
     * @param text the text, not null
     * @return its UTF-8 bytes
     */
    public static Bytes utf8(String text) {
        Objects.requireNonNull(text, "text");
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes base64url, with or without padding.
     *
     * @param base64Url the encoded text
     * @return the decoded bytes
     * @throws IllegalArgumentException if the text is not base64url
     */
    public static Bytes fromBase64Url(String base64Url) {
        Objects.requireNonNull(base64Url, "base64Url");
        return new Bytes(URL_DECODER.decode(base64Url));
    }

    /** @return the empty sequence */
    public static Bytes empty() {
        return EMPTY;
    }

    /** @return a copy of the content */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** @return the number of bytes */
    public int length() {
        return bytes.length;
    }

    /** @return whether there are no bytes */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** @return base64url without padding, as WebAuthn Level 3 JSON writes binary fields */
    public String toBase64Url() {
        return URL_ENCODER.encodeToString(bytes);
    }

    /** @return standard base64 with padding */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** @return the content decoded as UTF-8 */
    public String toUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Compares in time independent of where the first difference is, for secrets such as hashes
     * of one-time codes.
     *
     * @param other the other bytes
     * @return whether both have the same content
     */
    public boolean constantTimeEquals(Bytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Bytes b && Arrays.equals(bytes, b.bytes));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0 && bytes.length > 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** Unsigned lexicographic order, as databases order binary columns. */
    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    /** @return the length only, never the content */
    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
