package io.aftersaleshub.offer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The offer guardrails' settings: the frequency cap (at most {@code cap.maxOffers} delivered offers per
 * owner in any {@code cap.window}, across all moments) and the holdout share per moment (0.1 = one owner in
 * ten gets no offer at that moment, so that lift can be measured against them).
 */
@ConfigurationProperties("hub.offers")
public record OfferSettings(Cap cap, Holdout holdout) {

    public OfferSettings {
        cap = cap == null ? new Cap(1, Duration.ofDays(7)) : cap;
        holdout = holdout == null ? new Holdout(Map.of()) : holdout;
    }

    public record Cap(int maxOffers, Duration window) {
        public Cap {
            if (maxOffers < 1) {
                throw new IllegalArgumentException("hub.offers.cap.max-offers must be at least 1, not " + maxOffers);
            }
            if (window == null || window.isNegative()) {
                throw new IllegalArgumentException("hub.offers.cap.window must be a positive duration, not " + window);
            }
        }

        /** E.g. "7 days". */
        public String span() {
            long days = window.toDays();
            return window.equals(Duration.ofDays(days)) ? days + (days == 1 ? " day" : " days") : window.toString();
        }

        /** E.g. "at most 1 offer per 7 days". */
        public String describe() {
            return "at most " + offers(maxOffers) + " per " + span();
        }

        static String offers(int n) {
            return n + (n == 1 ? " offer" : " offers");
        }
    }

    /** Share per moment; a moment not named has {@link #DEFAULT_SHARE}. */
    public record Holdout(Map<Moment, Double> share) {
        public static final double DEFAULT_SHARE = 0.1;

        public Holdout {
            Map<Moment, Double> copy = new EnumMap<>(Moment.class);
            if (share != null) {
                share.forEach((m, s) -> {
                    if (s == null || s < 0 || s > 1) {
                        throw new IllegalArgumentException("hub.offers.holdout.share." + m + " must be between 0 and 1, not " + s);
                    }
                    copy.put(m, s);
                });
            }
            share = Map.copyOf(copy);
        }

        public double shareOf(Moment moment) {
            return share.getOrDefault(moment, DEFAULT_SHARE);
        }
    }
}
