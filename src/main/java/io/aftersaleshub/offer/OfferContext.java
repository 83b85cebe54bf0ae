package io.aftersaleshub.offer;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fact decision tables see. Conditions read its getters; each matching row proposes one candidate
 * through the {@code offer/priority/discountPercent/validHours} calls of its action columns, keyed by
 * the row's rule name so that blank cells simply keep their defaults. Rules never do I/O.
 */
public class OfferContext {

    private final String moment;
    private final String productLine;
    private final String modelCode;
    private final boolean warrantyActive;
    private final int unitAgeDays;
    private final String ownerCountry;
    private final Map<String, Proposal> proposals = new LinkedHashMap<>();

    public OfferContext(String moment, String productLine, String modelCode, boolean warrantyActive,
                        int unitAgeDays, String ownerCountry) {
        this.moment = moment;
        this.productLine = productLine;
        this.modelCode = modelCode;
        this.warrantyActive = warrantyActive;
        this.unitAgeDays = unitAgeDays;
        this.ownerCountry = ownerCountry;
    }

    public String getMoment() {
        return moment;
    }

    public String getProductLine() {
        return productLine;
    }

    public String getModelCode() {
        return modelCode;
    }

    public boolean isWarrantyActive() {
        return warrantyActive;
    }

    public int getUnitAgeDays() {
        return unitAgeDays;
    }

    public String getOwnerCountry() {
        return ownerCountry;
    }

    public void offer(String ruleName, String sku) {
        proposal(ruleName).sku = sku == null ? null : sku.trim();
    }

    public void priority(String ruleName, int priority) {
        proposal(ruleName).priority = priority;
    }

    public void discountPercent(String ruleName, int percent) {
        proposal(ruleName).discountPercent = percent;
    }

    public void validHours(String ruleName, int hours) {
        proposal(ruleName).validHours = hours;
    }

    /** Proposals with an SKU, highest priority first; equal priorities keep table order. */
    public List<OfferCandidate> candidates() {
        return proposals.entrySet().stream()
                .filter(e -> e.getValue().sku != null && !e.getValue().sku.isEmpty())
                .map(e -> new OfferCandidate(e.getKey(), e.getValue().sku, e.getValue().priority,
                        e.getValue().discountPercent, e.getValue().validHours))
                .sorted(Comparator.comparingInt(OfferCandidate::priority).reversed())
                .toList();
    }

    private Proposal proposal(String ruleName) {
        return proposals.computeIfAbsent(ruleName, k -> new Proposal());
    }

    private static final class Proposal {
        String sku;
        int priority;
        int discountPercent;
        int validHours;
    }
}
