package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aftersaleshub.platform.ApiProblem;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Offer tokens from links: {@code GET} only checks (mail scanners prefetch links, so a GET never changes
 * anything); {@code POST} to the same path redeems the offer, once. A refusal is a problem detail that also
 * carries what the token says ({@code valid: false}, {@code reason}, decision, SKU, discount, expiry): 400
 * for a token the hub did not sign or that was altered (its signature does not match; nothing in it is
 * trusted, so nothing is repeated), 404 for a decision the hub does not know, 409 when already redeemed,
 * 410 when expired.
 */
@RestController
public class OfferRedemptionController {

    /** The answer for a token that is good: {@code redeemedAt} is set by the POST that redeemed it. */
    public record TokenView(boolean valid, UUID decisionId, String gtin, String serial, String sku, int discountPercent,
                            Instant expiresAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant redeemedAt) {
    }

    private final OfferRedemptions redemptions;

    public OfferRedemptionController(OfferRedemptions redemptions) {
        this.redemptions = redemptions;
    }

    @GetMapping("/api/offers/redeem/{token}")
    public ResponseEntity<?> check(@PathVariable String token) {
        return answer(read(() -> redemptions.check(token)));
    }

    @PostMapping("/api/offers/redeem/{token}")
    public ResponseEntity<?> redeem(@PathVariable String token) {
        return answer(read(() -> redemptions.redeem(token)));
    }

    private static OfferRedemptions.Outcome read(java.util.function.Supplier<OfferRedemptions.Outcome> call) {
        try {
            return call.get();
        } catch (OfferTokens.InvalidTokenException e) {
            throw RequestRejectedException.of(HttpStatus.BAD_REQUEST, "token", e.getMessage());
        }
    }

    private static ResponseEntity<?> answer(OfferRedemptions.Outcome o) {
        OfferToken t = o.token();
        if (!o.refused()) {
            return ResponseEntity.ok(new TokenView(true, t.decisionId(), t.gtin(), t.serial(), t.sku(), t.discountPercent(),
                    t.expiresAt(), o.redeemedAt()));
        }
        HttpStatus status = switch (o.status()) {
            case ALREADY_REDEEMED -> HttpStatus.CONFLICT;
            case EXPIRED -> HttpStatus.GONE;
            case UNKNOWN_DECISION -> HttpStatus.NOT_FOUND;
            default -> throw new IllegalStateException("a refusal with status " + o.status());
        };
        List<FieldProblem> errors = List.of(new FieldProblem("token", o.reason()));
        ProblemDetail problem = ApiProblem.of(status, ApiProblem.describe(errors), errors);
        problem.setProperty("valid", false);
        problem.setProperty("reason", o.reason());
        problem.setProperty("decisionId", t.decisionId().toString());
        problem.setProperty("sku", t.sku());
        problem.setProperty("discountPercent", t.discountPercent());
        problem.setProperty("expiresAt", t.expiresAt().toString());
        if (o.redeemedAt() != null) {
            problem.setProperty("redeemedAt", o.redeemedAt().toString());
        }
        return ResponseEntity.status(status).contentType(ApiProblem.MEDIA_TYPE).body(problem);
    }
}
