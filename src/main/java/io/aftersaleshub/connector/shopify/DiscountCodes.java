package io.aftersaleshub.connector.shopify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A decision's discount code is derived from its id, {@code AH-} and 12 base32 characters of a SHA-256 of it
 * (60 bits): every attempt for one decision asks the shop for the same code, so a retry can never make a second
 * one. The cart link applies the code and opens the shop's search for the offered SKU.
 */
final class DiscountCodes {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int LENGTH = 12;

    private DiscountCodes() {
    }

    static String forDecision(UUID decisionId) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(("aftersales-hub:" + decisionId).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        StringBuilder code = new StringBuilder("AH-");
        int buffer = 0;
        int bits = 0;
        for (int i = 0; code.length() < 3 + LENGTH; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (hash[i++] & 0xff);
                bits += 8;
            }
            code.append(BASE32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return code.toString();
    }

    /** {@code <storefront>/discount/<code>?redirect=/search?q=<sku>} (the redirect URL-encoded). */
    static String cartUrl(String storefront, String code, String sku) {
        return storefront + "/discount/" + code + "?redirect="
                + URLEncoder.encode("/search?q=" + sku, StandardCharsets.UTF_8);
    }
}
