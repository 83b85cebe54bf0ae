package io.aftersaleshub.connector.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.builder.RouteBuilder;

/**
 * Route {@code salesforce-in-cases}: Case Change Data Capture through the Pub/Sub API
 * ({@code salesforce:pubSubSubscribe:/data/CaseChangeEvent}, events as JSON), each event handed with its replay id to
 * {@link CaseChangeHandler}. A replay id Salesforce refuses is not silently replaced by the latest: it reaches
 * {@link ReplayGuard}, and {@link CaseSubscription} catches up by query. Added by {@link CaseSubscription} with the
 * start position it decided, never at boot without Salesforce configured.
 */
class CaseChangeRoute extends RouteBuilder {

    private final String topic;
    private final String preset;
    private final String replayId;

    CaseChangeRoute(String topic, String preset, String replayId) {
        this.topic = topic;
        this.preset = preset;
        this.replayId = replayId;
    }

    String uri() {
        String uri = "salesforce:pubSubSubscribe:" + topic + "?pubSubDeserializeType=JSON&fallbackToLatestReplayId=false"
                + "&exceptionHandler=#" + ReplayGuard.BEAN + "&replayPreset=" + preset;
        return replayId == null ? uri : uri + "&pubSubReplayId=RAW(" + replayId + ")";
    }

    @Override
    public void configure() {
        from(uri())
                .routeId(CaseSubscription.ROUTE_ID)
                // started by CaseSubscription once its consumer is set up
                .autoStartup(false)
                .bean(CaseChangeHandler.BEAN, "onChange(${body}, ${header.CamelSalesforcePubSubReplayId})");
    }
}
