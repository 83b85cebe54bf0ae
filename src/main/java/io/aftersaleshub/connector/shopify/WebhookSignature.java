package io.aftersaleshub.connector.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-Sha256} is the base64 HMAC-SHA256 of the raw body with
 * the app's secret. Checked over the bytes exactly as received, against each configured secret (rotation),
 * comparing digests in constant time; a header that is not base64 of 32 bytes (say, a hex digest) never matches.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static boolean valid(byte[] body, String header, List<String> secrets) {
        if (header == null || header.isBlank() || secrets.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        boolean match = false;
        for (String secret : secrets) {
            // every secret is tried, so the time taken does not tell which one matched
            match |= MessageDigest.isEqual(hmac(body, secret), given);
        }
        return match;
    }

    static String sign(byte[] body, String secret) {
        return Base64.getEncoder().encodeToString(hmac(body, secret));
    }

    private static byte[] hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
