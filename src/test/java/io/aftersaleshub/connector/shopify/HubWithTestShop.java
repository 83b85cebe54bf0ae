package io.aftersaleshub.connector.shopify;

import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A hub whose shop is a WireMock Admin API of the test class's own ({@link ShopifyAdminStub}), and the dev mailbox on a free port. */
abstract class HubWithTestShop extends HubIntegrationTest {

    static ShopifyAdminStub shop;

    @BeforeAll
    static void startShop() {
        shop = new ShopifyAdminStub();
    }

    @AfterAll
    static void stopShop() {
        shop.server.stop();
    }

    @DynamicPropertySource
    static void shopProperties(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        registry.add("hub.shopify.shop-url", () -> shop.url());
        registry.add("hub.shopify.admin-token", () -> ShopifyAdminStub.TOKEN);
    }
}
