package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.offer.DecisionStatus;
import io.aftersaleshub.offer.Offer;
import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The channels of an outcome come from route {@code offer-out-channels}: as shipped every channel for every
 * moment; an edited file names them per moment (unknown names ignored); no such route = every channel.
 */
class ChannelRoutingTest {

    static final List<ActionChannel> CHANNELS = List.of(channel("email"), channel("marketing-webhook"), channel("analytics"));

    @Test
    void theShippedRouteSendsEveryOutcomeToEveryChannel() throws Exception {
        try (CamelContext camel = camelWith(Files.readString(Path.of("routes/offer-out-channels.camel.yaml")))) {
            ChannelRouting.Batch batch = new ChannelRouting(camel, camel.createProducerTemplate(), CHANNELS).batch();
            for (Moment m : Moment.values()) {
                assertThat(batch.channelsFor(decided(m, DecisionStatus.OFFERED))).containsExactlyInAnyOrder("email", "marketing-webhook", "analytics");
            }
            assertThat(batch.channelsFor(decided(Moment.REGISTRATION, DecisionStatus.CAPPED))).hasSize(3);
        }
    }

    @Test
    void anEditedRouteChoosesPerMomentAndIgnoresNamesTheHubDoesNotHave() throws Exception {
        String edited = Files.readString(Path.of("routes/offer-out-channels.camel.yaml"))
                .replaceFirst("constant: \"\\*\"", "constant: \" marketing-webhook , analytics, fax \"");
        try (CamelContext camel = camelWith(edited)) {
            ChannelRouting.Batch batch = new ChannelRouting(camel, camel.createProducerTemplate(), CHANNELS).batch();
            assertThat(batch.channelsFor(decided(Moment.SUPPORT_CLOSED, DecisionStatus.OFFERED)))
                    .containsExactlyInAnyOrder("marketing-webhook", "analytics");
            assertThat(batch.channelsFor(decided(Moment.REGISTRATION, DecisionStatus.OFFERED)))
                    .containsExactlyInAnyOrder("email", "marketing-webhook", "analytics");
        }
    }

    @Test
    void withoutTheRouteEveryChannelMaySend() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            ChannelRouting.Batch batch = new ChannelRouting(camel, camel.createProducerTemplate(), CHANNELS).batch();
            assertThat(batch.channelsFor(decided(Moment.SUPPORT_CLOSED, DecisionStatus.OFFERED)))
                    .isEqualTo(Set.of("email", "marketing-webhook", "analytics"));
        }
    }

    private static CamelContext camelWith(String yaml) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("offer-out-channels.camel.yaml", yaml));
        camel.start();
        return camel;
    }

    private static OfferDecided decided(Moment moment, DecisionStatus status) {
        Offer offer = status == DecisionStatus.OFFERED ? new Offer("PART-DESCALER", ItemType.PART, "Descaler", 15, null) : null;
        return new OfferDecided(UUID.randomUUID(), UUID.randomUUID(), moment, status, offer,
                new OfferDecided.Recipient(UUID.randomUUID(), "a@example.test", "A", "en", "DE", true),
                new OfferDecided.UnitRef("04098765000300", "S-1", "EM-300"), Instant.now());
    }

    private static ActionChannel channel(String name) {
        return new ActionChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Map<String, Object>> payloadFor(OfferDecided decided) {
                return Optional.empty();
            }
        };
    }
}
