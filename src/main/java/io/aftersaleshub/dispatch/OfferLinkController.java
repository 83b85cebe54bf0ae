package io.aftersaleshub.dispatch;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.owner.MarketingConsent;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public links of offer e-mails. {@code GET /r/{decisionId}} records the click (once per decision) and
 * redirects to the offer. {@code GET /unsubscribe/{token}} only shows a confirmation page (mail scanners
 * fetch links); its button POSTs to the same address, which withdraws the owner's marketing consent.
 */
@RestController
class OfferLinkController {

    private final ClickStore clicks;
    private final OfferLinks links;
    private final MarketingConsent consent;

    OfferLinkController(ClickStore clicks, OfferLinks links, MarketingConsent consent) {
        this.clicks = clicks;
        this.links = links;
        this.consent = consent;
    }

    @GetMapping("/r/{decisionId}")
    ResponseEntity<Void> click(@PathVariable UUID decisionId) {
        String sku = clicks.click(decisionId).orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND,
                List.of(new FieldProblem("decisionId", "names no offer e-mail"))));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(links.target(sku))).build();
    }

    @GetMapping("/unsubscribe/{token}")
    ResponseEntity<String> confirm(@PathVariable String token) {
        owner(token);
        return page("Unsubscribe", "<p>Do you want to stop receiving offers from us by e-mail?</p>"
                + "<form method=\"post\" action=\"/unsubscribe/" + HtmlUtils.htmlEscape(token) + "\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @PostMapping("/unsubscribe/{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        consent.withdraw(owner(token));
        return page("Unsubscribed", "<p>You are unsubscribed: we will send you no more offers by e-mail.</p>");
    }

    private UUID owner(String token) {
        Optional<UUID> owner = links.ownerOf(token);
        return owner.orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND,
                List.of(new FieldProblem("token", "is not a valid unsubscribe link"))));
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                .body("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                        + title + "</h1>" + body + "</body></html>");
    }
}
