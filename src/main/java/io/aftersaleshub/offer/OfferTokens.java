package io.aftersaleshub.offer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed offer tokens: a compact binary payload (version, decision id, expiry in epoch seconds, discount,
 * GTIN, serial, SKU) followed by the first 16 bytes of its HMAC-SHA256, URL-safe base64 without padding
 * (about 100 characters). Anyone can read a token; only the holder of the key can make one, and the
 * signature is compared in constant time. Expiry is checked by the caller against the hub's clock.
 */
public final class OfferTokens {

    /** Why a token is not one the hub made: malformed or with a signature that does not match. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String reason) {
            super(reason);
        }
    }

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 400;
    /** The smallest key the hub accepts: 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Duration defaultValidity;

    public OfferTokens(byte[] key, Duration defaultValidity) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an offer token key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.defaultValidity = defaultValidity;
    }

    /**
     * The token of a decision's offer: valid until the offer's own expiry, or for the default validity from
     * the decision when the rule row gives no time limit. The same decision always gives the same token.
     */
    public String issue(UUID decisionId, String gtin, String serial, Offer offer, Instant decidedAt) {
        Instant expires = offer.expiresAt() != null ? offer.expiresAt() : decidedAt.plus(defaultValidity);
        return encode(new OfferToken(decisionId, gtin, serial, offer.sku(), offer.discountPercent(), expires));
    }

    public String encode(OfferToken t) {
        byte[] serial = t.serial().getBytes(StandardCharsets.UTF_8);
        byte[] sku = t.sku().getBytes(StandardCharsets.UTF_8);
        if (serial.length > 255 || sku.length > 255 || t.discountPercent() < 0 || t.discountPercent() > 100
                || !t.gtin().matches("\\d{14}")) {
            throw new IllegalArgumentException("no offer token for " + t);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        ByteBuffer head = ByteBuffer.allocate(1 + 16 + 8 + 1 + 8);
        head.put(VERSION)
                .putLong(t.decisionId().getMostSignificantBits()).putLong(t.decisionId().getLeastSignificantBits())
                .putLong(t.expiresAt().getEpochSecond())
                .put((byte) t.discountPercent())
                .putLong(Long.parseLong(t.gtin()));
        out.writeBytes(head.array());
        out.write(serial.length);
        out.writeBytes(serial);
        out.write(sku.length);
        out.writeBytes(sku);
        byte[] payload = out.toByteArray();
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac(payload), 0, token, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The token's content if the hub made it; expiry is not checked here. */
    public OfferToken read(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TOKEN_CHARS) {
            throw new InvalidTokenException("is not an offer token");
        }
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("is not an offer token (not URL-safe base64)");
        }
        int minimum = 1 + 16 + 8 + 1 + 8 + 1 + 1 + MAC_BYTES;
        if (token.length < minimum || token[0] != VERSION) {
            throw new InvalidTokenException("is not an offer token");
        }
        byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES);
        byte[] given = Arrays.copyOfRange(token, token.length - MAC_BYTES, token.length);
        // constant time: the comparison never tells how many leading bytes were right
        if (!MessageDigest.isEqual(given, Arrays.copyOf(mac(payload), MAC_BYTES))) {
            throw new InvalidTokenException("signature does not match: the token was altered or not issued by this hub");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        in.get();
        UUID decisionId = new UUID(in.getLong(), in.getLong());
        Instant expires = Instant.ofEpochSecond(in.getLong());
        int discount = in.get();
        String gtin = String.format("%014d", in.getLong());
        String serial = string(in);
        String sku = string(in);
        if (in.hasRemaining()) {
            throw new InvalidTokenException("is not an offer token");
        }
        return new OfferToken(decisionId, gtin, serial, sku, discount, expires);
    }

    private static String string(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        if (in.remaining() < n) {
            throw new InvalidTokenException("is not an offer token");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
