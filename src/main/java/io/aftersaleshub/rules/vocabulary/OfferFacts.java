package io.aftersaleshub.rules.vocabulary;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one fact type decision tables see ({@code $f : OfferFacts}): read-only getters over
 * {@link FactValues}, and the action calls {@code offer/priority/discountPercent/validHours} through
 * which each matching row proposes one candidate, keyed by the row's rule name so that blank action
 * cells keep their defaults. Rules never do I/O; this class has none to offer them.
 */
public final class OfferFacts {

    private final FactValues values;
    private final Map<String, Proposal> proposals = new LinkedHashMap<>();

    public OfferFacts(FactValues values) {
        this.values = values;
    }

    public FactValues values() {
        return values;
    }

    public String getMoment() {
        return values.moment();
    }

    public String getProductLine() {
        return values.productLine();
    }

    public String getModelCode() {
        return values.modelCode();
    }

    public String getMarket() {
        return values.market();
    }

    public String getRegistrationChannel() {
        return values.registrationChannel();
    }

    public String getOwnerCountry() {
        return values.ownerCountry();
    }

    public int getUnitAgeDays() {
        return values.unitAgeDays();
    }

    public int getDaysOwned() {
        return values.daysOwned();
    }

    public int getOwnershipYear() {
        return values.ownershipYear();
    }

    public boolean isWarrantyActive() {
        return values.warrantyActive();
    }

    public int getWarrantyDaysLeft() {
        return values.warrantyDaysLeft();
    }

    public boolean isHasExtendedWarranty() {
        return values.hasExtendedWarranty();
    }

    public boolean isHasSuccessor() {
        return values.hasSuccessor();
    }

    public String getCaseCategory() {
        return values.caseCategory();
    }

    public String getSupportResolution() {
        return values.supportResolution();
    }

    public boolean isNewOwner() {
        return values.newOwner();
    }

    public int getOffersLast30Days() {
        return values.offersLast30Days();
    }

    /** An event attribute as text, or null: {@code attribute("resolution") == "resolved"}. */
    public String attribute(String name) {
        return values.attributes().get(name);
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

    /**
     * All of a row's actions in one call, blank ones as 0. The hub writes this one statement per rule rather
     * than one per action column: each statement is analysed when the rules are built.
     */
    public void propose(String ruleName, String sku, int priority, int discountPercent, int validHours) {
        Proposal p = proposal(ruleName);
        p.sku = sku == null ? null : sku.trim();
        p.priority = priority;
        p.discountPercent = discountPercent;
        p.validHours = validHours;
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
