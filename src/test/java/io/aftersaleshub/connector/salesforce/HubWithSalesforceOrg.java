package io.aftersaleshub.connector.salesforce;

import io.aftersaleshub.support.MomentIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hub (GreenMail as its SMTP server) connected to a WireMock Salesforce org of the test class's own
 * ({@link SalesforceStub}: OAuth client credentials and REST queries); the re-read round runs only when a test runs it.
 */
abstract class HubWithSalesforceOrg extends MomentIntegrationTest {

    static SalesforceStub org;

    @BeforeAll
    static void startOrg() {
        org = new SalesforceStub();
    }

    @AfterAll
    static void stopOrg() {
        org.server.stop();
    }

    @DynamicPropertySource
    static void salesforceOrg(DynamicPropertyRegistry registry) {
        registry.add("hub.salesforce.login-url", () -> org.url());
        registry.add("hub.salesforce.client-id", () -> SalesforceStub.CLIENT_ID);
        registry.add("hub.salesforce.client-secret", () -> SalesforceStub.CLIENT_SECRET);
        registry.add("hub.salesforce.reread-period", () -> "1h");
    }

    @Autowired
    CaseSubscription subscription;
    @Autowired
    ReplayCheckpoints checkpoints;
    @Autowired
    SalesforceProperties settings;
    @Autowired
    CamelContext camel;
}
