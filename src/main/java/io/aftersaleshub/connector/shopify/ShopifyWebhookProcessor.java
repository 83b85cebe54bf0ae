package io.aftersaleshub.connector.shopify;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.DispatchProperties;
import io.aftersaleshub.measure.Conversion;
import io.aftersaleshub.measure.Conversions;
import io.aftersaleshub.measure.OrderPlaced;
import io.aftersaleshub.measure.OrderRefunded;
import io.aftersaleshub.owner.PurchaseRequest;
import io.aftersaleshub.owner.PurchaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes one stored Shopify delivery in one transaction: {@code orders/create} and {@code orders/paid}
 * become purchases (one per line with a SKU, known to the catalogue or not) and conversions; {@code
 * refunds/create} reverses conversions; other topics are kept and marked IGNORED. A second delivery of an
 * order already processed (e.g. {@code orders/paid} after {@code orders/create}) is marked DUPLICATE. A
 * failure is recorded on the delivery and rethrown, so that the broker redelivers it; after the last attempt
 * the delivery is parked as FAILED.
 */
@Component("shopifyWebhooks")
class ShopifyWebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookProcessor.class);

    private final ShopifyInbox inbox;
    private final PurchaseService purchases;
    private final Conversions conversions;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;
    private final int maxAttempts;

    ShopifyWebhookProcessor(ShopifyInbox inbox, PurchaseService purchases, Conversions conversions, ObjectMapper json,
                            PlatformTransactionManager transactionManager, DispatchProperties dispatch) {
        this.inbox = inbox;
        this.purchases = purchases;
        this.conversions = conversions;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maxAttempts = dispatch.maxRedeliveries() + 1;
    }

    /** Route step: the message body is the stored delivery's id. */
    public void process(String id) {
        handle(Long.parseLong(id.trim()));
    }

    void handle(long id) {
        try {
            transactions.executeWithoutResult(status -> inbox.claim(id).ifPresent(this::apply));
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            Boolean parked = transactions.execute(status -> inbox.recordFailure(id, error, maxAttempts));
            if (Boolean.TRUE.equals(parked)) {
                log.warn("Shopify delivery {} failed for good after {} attempts: {}", id, maxAttempts, error);
                return;
            }
            throw e;
        }
    }

    private void apply(ShopifyInbox.Stored w) {
        JsonNode body;
        try {
            body = json.readTree(w.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
        switch (w.topic()) {
            case "orders/create", "orders/paid" -> order(w, body);
            case "refunds/create" -> refund(w, body);
            default -> inbox.finish(w.id(), ShopifyInbox.Status.IGNORED, null, "topic " + w.topic() + " is not used by the hub");
        }
    }

    private void order(ShopifyInbox.Stored w, JsonNode body) {
        long orderId = body.path("id").asLong();
        if (orderId == 0) {
            throw new IllegalArgumentException("order has no id");
        }
        if (inbox.orderProcessed(orderId, w.id())) {
            inbox.finish(w.id(), ShopifyInbox.Status.DUPLICATE, orderId, "order " + orderId + " was processed before");
            return;
        }
        OrderPlaced order = ShopifyOrderMapper.order(body);
        if (order == null) {
            inbox.finish(w.id(), ShopifyInbox.Status.IGNORED, orderId, "order has no customer e-mail");
            return;
        }
        int recorded = 0;
        int skipped = 0;
        // a purchase is keyed by order and SKU: two lines of one SKU (say, another variant) are one purchase of
        // their summed totals, or the second would be a differing repeat of the first
        Map<String, java.math.BigDecimal> totalBySku = new LinkedHashMap<>();
        for (OrderPlaced.Line line : order.lines()) {
            if (!purchases.knowsSku(line.sku())) {
                // a shop sells more than the hub's catalogue; such lines can never be an offer's conversion
                skipped++;
                continue;
            }
            totalBySku.merge(line.sku(), line.total(), java.math.BigDecimal::add);
        }
        for (Map.Entry<String, java.math.BigDecimal> sku : totalBySku.entrySet()) {
            PurchaseService.Recorded r = purchases.record(new PurchaseRequest(order.ownerEmail(), sku.getKey(), order.orderRef(),
                    sku.getValue(), order.currency(), OffsetDateTime.ofInstant(order.placedAt(), ZoneOffset.UTC), "shopify"));
            recorded += r.duplicate() ? 0 : 1;
        }
        List<Conversion> converted = conversions.orderPlaced(order);
        inbox.finish(w.id(), ShopifyInbox.Status.PROCESSED, orderId, recorded + " purchase(s), " + converted.size() + " conversion(s)"
                + (skipped == 0 ? "" : ", " + skipped + " line(s) of SKUs outside the catalogue skipped"));
    }

    private void refund(ShopifyInbox.Stored w, JsonNode body) {
        OrderRefunded refund = ShopifyOrderMapper.refund(body);
        int reversed = conversions.refunded(refund);
        inbox.finish(w.id(), ShopifyInbox.Status.PROCESSED, Optional.of(body.path("order_id").asLong()).filter(v -> v != 0).orElse(null),
                reversed + " conversion(s) reversed");
    }
}
