package io.aftersaleshub.connector.marketing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.HttpSinkRequest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A step of route {@code marketing-webhook-out-action}: turns one claimed action into its HTTP request — the
 * payload as JSON bytes, signed ({@link CampaignActionSignature}), with the action id as {@code Idempotency-Key}
 * so that the peer treats a repeat (a redelivery after a lost answer) as the same action.
 */
@Component("marketingWebhookCall")
public class MarketingWebhookCall {

    private final MarketingWebhookProperties settings;
    private final ObjectMapper json;

    MarketingWebhookCall(MarketingWebhookProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        if (!settings.enabled()) {
            throw new IllegalStateException("HUB_MARKETING_WEBHOOK_URL is not set: the campaign action cannot be sent");
        }
        byte[] body = HttpSinkRequest.ofAction(exchange, json);
        exchange.getMessage().setHeader(CampaignActionSignature.HEADER, CampaignActionSignature.of(body, settings.secret()));
    }
}
