package io.aftersaleshub.connector.marketing;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.HttpSinkResponse;
import io.aftersaleshub.dispatch.OutboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
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
        OutboxStore.Claimed action = exchange.getMessage().getBody(OutboxStore.Claimed.class);
        if (!settings.enabled()) {
            throw new IllegalStateException("HUB_MARKETING_WEBHOOK_URL is not set: the campaign action cannot be sent");
        }
        byte[] body = json.writeValueAsBytes(action.payload());
        Message m = exchange.getMessage();
        m.setBody(body);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Idempotency-Key", action.id().toString());
        m.setHeader(CampaignActionSignature.HEADER, CampaignActionSignature.of(body, settings.secret()));
        exchange.setProperty(HttpSinkResponse.CALL_ACTIONS, List.of(action.id()));
    }
}
