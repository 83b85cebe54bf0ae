package io.aftersaleshub.dispatch;

import org.springframework.web.util.UriUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links of an offer e-mail: a tracked link per decision ({@code <public-url>/r/<decisionId>}), where it
 * leads (the storefront page of the offered SKU), and an unsubscribe link per owner
 * ({@code <public-url>/unsubscribe/<token>}, the token the owner id plus an HMAC-SHA256 of it, so that no one
 * can unsubscribe an owner whose link they were not sent).
 */
public class OfferLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 16;

    private final String publicUrl;
    private final String target;
    private final SecretKeySpec key;

    public OfferLinks(LinkProperties settings, byte[] key) {
        this.publicUrl = settings.publicUrl().replaceAll("/+$", "");
        this.target = settings.target();
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public String clickUrl(String decisionId) {
        return publicUrl + "/r/" + decisionId;
    }

    public String unsubscribeUrl(UUID ownerId) {
        return publicUrl + "/unsubscribe/" + token(ownerId);
    }

    /** Where a click on an offer for this SKU leads. */
    public String target(String sku) {
        return target.replace("{sku}", UriUtils.encodePathSegment(sku, StandardCharsets.UTF_8));
    }

    String token(UUID ownerId) {
        byte[] id = bytes(ownerId);
        return B64.encodeToString(id) + B64.encodeToString(mac(id));
    }

    /** The owner an unsubscribe token was made for, or empty when it was not made with this key. */
    Optional<UUID> ownerOf(String token) {
        if (token == null || token.length() != 44) {
            return Optional.empty();
        }
        try {
            byte[] id = Base64.getUrlDecoder().decode(token.substring(0, 22));
            byte[] mac = Base64.getUrlDecoder().decode(token.substring(22));
            if (id.length != 16 || !MessageDigest.isEqual(mac, mac(id))) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(id);
            return Optional.of(new UUID(b.getLong(), b.getLong()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update("unsubscribe:".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(mac.doFinal(id), MAC_BYTES);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
