package io.aftersaleshub.connector.shopify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.dispatch.OutboxStore;
import io.aftersaleshub.dispatch.Queues;
import io.aftersaleshub.measure.Conversions;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The step of route {@code shopify-out-discount}: claims the message's discount actions and makes each
 * decision's code in the shop once. The code is the decision's own ({@link DiscountCodes}); before creating it
 * the shop is asked whether it has it (an earlier attempt may have made it and then timed out), and a "taken"
 * answer counts as made. The code is then recorded and handed to measure, so an order using it converts the
 * decision. A failure rolls the message back and the broker retries with back-off (shared error handling).
 */
@Component("shopifyDiscountSink")
public class ShopifyDiscountSink {

    static final Duration CLAIM = Duration.ofMinutes(2);

    private final OutboxStore outbox;
    private final ShopifyAdminClient admin;
    private final ShopifyDiscountStore codes;
    private final Conversions conversions;
    private final TransactionTemplate transactions;

    ShopifyDiscountSink(OutboxStore outbox, ShopifyAdminClient admin, ShopifyDiscountStore codes, Conversions conversions,
                        PlatformTransactionManager transactionManager) {
        this.outbox = outbox;
        this.admin = admin;
        this.codes = codes;
        this.conversions = conversions;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public void create(Exchange exchange) {
        List<OutboxStore.Claimed> claimed = outbox.claimAll(Queues.ids(exchange.getMessage().getBody(String.class)), CLAIM);
        List<UUID> done = new ArrayList<>(claimed.size());
        try {
            for (OutboxStore.Claimed action : claimed) {
                ensureCode(action.payload());
                done.add(action.id());
            }
        } finally {
            outbox.markSent(done);
        }
    }

    private void ensureCode(Map<String, Object> p) {
        UUID decisionId = UUID.fromString(String.valueOf(p.get("decisionId")));
        String code = String.valueOf(p.get("code"));
        if (codes.exists(decisionId)) {
            return;
        }
        String sku = String.valueOf(p.get("sku"));
        String variantId = null;
        Optional<String> existing = admin.findDiscount(code);
        String discountId;
        if (existing.isPresent()) {
            discountId = existing.get();
        } else {
            ShopifyAdminClient.Variant variant = admin.findVariant(sku)
                    .orElseThrow(() -> new IllegalStateException("the shop has no product variant with SKU " + sku));
            variantId = variant.id();
            int percent = p.get("discountPercent") instanceof Number n ? n.intValue() : 0;
            discountId = admin.createDiscount(new ShopifyAdminClient.NewDiscount(code,
                    "Aftersales offer " + p.get("offerName") + " (" + code + ")", percent, variant.id(),
                    String.valueOf(p.get("startsAt")), p.get("expiresAt") == null ? null : String.valueOf(p.get("expiresAt"))));
        }
        String variant = variantId;
        transactions.executeWithoutResult(s -> {
            codes.insert(decisionId, code, discountId, variant);
            conversions.codeIssued(decisionId, code);
        });
    }
}
