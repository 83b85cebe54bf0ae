package io.aftersaleshub.connector.salesforce;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Route {@code salesforce-in-gap-fill}: every {@code HUB_SALESFORCE_REREAD_PERIOD} re-reads the cases still waiting
 * (Salesforce was down when a {@code GAP_*} event named them) and starts the subscription if it is not running
 * (the catch-up at start failed, or polling mode). Started only when Salesforce is configured.
 */
@Component
class SalesforceGapFillRoute extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(SalesforceGapFillRoute.class);

    private final SalesforceProperties settings;
    private final CaseSubscription subscription;
    private final CaseRereads rereads;

    SalesforceGapFillRoute(SalesforceProperties settings, CaseSubscription subscription, CaseRereads rereads) {
        this.settings = settings;
        this.subscription = subscription;
        this.rereads = rereads;
    }

    @Override
    public void configure() {
        long period = settings.rereadPeriod().toMillis();
        from("timer:salesforce-gap-fill?period=" + period + "&delay=" + period)
                .routeId("salesforce-in-gap-fill")
                .autoStartup(settings.configured())
                .process(exchange -> {
                    try {
                        subscription.resume();
                        rereads.fill();
                    } catch (RuntimeException e) {
                        // logged in one line and tried again next period
                        log.warn("Salesforce round failed, tried again in {}: {}", settings.rereadPeriod(), e.toString());
                    }
                });
    }
}
