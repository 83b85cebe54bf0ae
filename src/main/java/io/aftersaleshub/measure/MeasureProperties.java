package io.aftersaleshub.measure;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long after a decision an order of the offered SKU still counts as its conversion: {@code
 * defaultAttributionWindow} (14 days unless set), or the moment's own entry of {@code attributionWindow}
 * ({@code hub.measure.attribution-window.REGISTRATION=30d}; keys in any case, {@code -} or {@code .} for {@code _},
 * as environment variables give them: {@code HUB_MEASURE_ATTRIBUTIONWINDOW_SUPPORT_CLOSED=3d}).
 */
@ConfigurationProperties("hub.measure")
public record MeasureProperties(Duration defaultAttributionWindow, Map<String, Duration> attributionWindow) {

    public MeasureProperties {
        defaultAttributionWindow = defaultAttributionWindow == null ? Duration.ofDays(14) : defaultAttributionWindow;
        attributionWindow = attributionWindow == null ? Map.of() : Map.copyOf(attributionWindow);
    }

    /** The window of a moment (its name in any case), else the default. */
    public Duration windowFor(String moment) {
        return attributionWindow.entrySet().stream()
                .filter(e -> e.getKey().replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT).equals(moment))
                .map(Map.Entry::getValue).findFirst().orElse(defaultAttributionWindow);
    }
}
