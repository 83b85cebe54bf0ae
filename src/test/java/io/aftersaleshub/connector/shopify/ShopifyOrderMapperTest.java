package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.measure.OrderPlaced;
import io.aftersaleshub.measure.OrderRefunded;
import org.junit.jupiter.api.Test;

/** The corpus's Order and Refund objects, read as the hub keeps them. */
class ShopifyOrderMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theCorpusOrderGivesItsCustomerLinesAndCodes() throws IOException {
        OrderPlaced o = ShopifyOrderMapper.order(json.readTree(WebhookSignatureTest.resource("order-450789469.json")));
        assertThat(o.orderRef()).isEqualTo("450789469");
        assertThat(o.ownerEmail()).isEqualTo("bob.norman@mail.example.com");
        assertThat(o.placedAt()).isEqualTo(Instant.parse("2008-01-10T16:00:00Z"));
        assertThat(o.currency()).isEqualTo("USD");
        assertThat(o.discountCodes()).containsExactly("TENOFF");
        assertThat(o.lines()).extracting(OrderPlaced.Line::sku).containsExactly("IPOD2008GREEN", "IPOD2008RED", "IPOD2008BLACK");
        assertThat(o.lines().get(0).total()).isEqualByComparingTo("199.00");
    }

    @Test
    void anOrderWithoutAnEmailHasNoOwner() throws IOException {
        ObjectNode order = (ObjectNode) json.readTree(WebhookSignatureTest.resource("order-450789469.json"));
        order.putNull("email");
        order.putNull("contact_email");
        ((ObjectNode) order.get("customer")).putNull("email");
        assertThat(ShopifyOrderMapper.order(order)).isNull();
    }

    @Test
    void theCorpusRefundGivesTheRefundedSkusAndAmounts() throws IOException {
        OrderRefunded r = ShopifyOrderMapper.refund(json.readTree(WebhookSignatureTest.resource("refund-509562969.json")));
        assertThat(r.orderRef()).isEqualTo("450789469");
        assertThat(r.refundRef()).isEqualTo("509562969");
        assertThat(r.lines()).containsExactly(new OrderRefunded.Line("IPOD2008BLACK", new BigDecimal("195.66")),
                new OrderRefunded.Line("IPOD2008GREEN", new BigDecimal("195.67")));
    }
}
