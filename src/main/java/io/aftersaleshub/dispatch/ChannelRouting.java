package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.aftersaleshub.offer.OfferDecided;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which channels an outcome goes to, per moment and channel, as IT wrote it in route {@value #ROUTE_ID}
 * ({@code routes/offer-out-channels.camel.yaml}, loaded from {@code HUB_ROUTES_DIR} at start): the route gets the
 * outcome in headers ({@value #MOMENT}, {@value #STATUS}, {@value #OFFER_TYPE}, {@value #SKU}) and answers the
 * channel names as a comma-separated body, or {@value #EVERY} for every channel the hub has. A channel named there still sends only what it can (consent, its
 * settings). Without the route every channel may send, as before routes chose. The answer depends only on these
 * headers, so one call per distinct outcome of a batch suffices.
 */
@Component
public class ChannelRouting {

    public static final String ROUTE_ID = "offer-out-channels";
    static final String ENDPOINT = "direct:choose-channels";
    public static final String MOMENT = "hubMoment";
    public static final String STATUS = "hubStatus";
    public static final String OFFER_TYPE = "hubOfferType";
    public static final String SKU = "hubSku";
    /** The answer for every channel, those added later included. */
    static final String EVERY = "*";
    /** Decisions may be made while Camel is still starting (the daily job, the first registrations): they wait this long for it. */
    static final Duration START_WAIT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ChannelRouting.class);

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Set<String> known;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public ChannelRouting(CamelContext camel, ProducerTemplate producer, Collection<ActionChannel> channels) {
        this.camel = camel;
        this.producer = producer;
        this.known = channels.stream().map(ActionChannel::name).collect(Collectors.toUnmodifiableSet());
    }

    /** A routing for one batch of decisions: remembers the route's answer per distinct outcome. */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final Map<String, Set<String>> answers = new java.util.HashMap<>();
        private Boolean routed;

        private Batch() {
        }

        /** The channels this decision's outcome goes to. */
        public Set<String> channelsFor(OfferDecided d) {
            if (routed == null) {
                routed = awaitRoute();
            }
            if (!routed) {
                return known;
            }
            String offerType = d.offer() == null ? null : d.offer().type().name();
            String sku = d.offer() == null ? null : d.offer().sku();
            String key = d.moment() + "|" + d.status() + "|" + offerType + "|" + sku;
            return answers.computeIfAbsent(key, k -> ask(d.moment().name(), d.status().name(), offerType, sku));
        }
    }

    private Set<String> ask(String moment, String status, String offerType, String sku) {
        Map<String, Object> headers = new java.util.HashMap<>();
        headers.put(MOMENT, moment);
        headers.put(STATUS, status);
        headers.put(OFFER_TYPE, offerType);
        headers.put(SKU, sku);
        String answer = producer.requestBodyAndHeaders(ENDPOINT, null, headers, String.class);
        Set<String> chosen = new LinkedHashSet<>();
        if (answer != null && answer.trim().equals(EVERY)) {
            return known;
        }
        if (answer != null) {
            Arrays.stream(answer.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(chosen::add);
        }
        for (String name : chosen) {
            if (!known.contains(name) && warned.add(name)) {
                log.warn("Route {} names channel '{}', which this hub does not have (it has {}); ignored", ROUTE_ID, name,
                        known.stream().sorted().toList());
            }
        }
        chosen.retainAll(known);
        return Set.copyOf(chosen);
    }

    /** True once the routing route runs; false when the routes folder has none (then every channel may send). */
    private boolean awaitRoute() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (!camel.getStatus().isStarted()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Camel has not started within " + START_WAIT + ": no route can choose channels");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Camel to start", e);
            }
        }
        if (camel.getRoute(ROUTE_ID) == null) {
            if (warned.add(ROUTE_ID)) {
                log.warn("No route {} in the routes folder: every channel may send every outcome (see routes/README.md)", ROUTE_ID);
            }
            return false;
        }
        return true;
    }
}
