package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DiscountCodesTest {

    @Test
    void aDecisionAlwaysGetsTheSameCodeAndDifferentDecisionsDifferentOnes() {
        UUID decision = UUID.fromString("7b0e6a52-1c4e-4a8e-9d51-0f6b2c3d4e5f");
        String code = DiscountCodes.forDecision(decision);
        assertThat(code).matches("AH-[A-Z2-7]{12}").isEqualTo(DiscountCodes.forDecision(decision));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            codes.add(DiscountCodes.forDecision(UUID.randomUUID()));
        }
        assertThat(codes).hasSize(10_000);
    }

    @Test
    void theCartLinkAppliesTheCodeAndSearchesTheSku() {
        assertThat(DiscountCodes.cartUrl("https://shop.example", "AH-ABC", "WX-ESP-2Y"))
                .isEqualTo("https://shop.example/discount/AH-ABC?redirect=%2Fsearch%3Fq%3DWX-ESP-2Y");
    }
}
