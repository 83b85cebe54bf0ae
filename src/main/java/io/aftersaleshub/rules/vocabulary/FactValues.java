package io.aftersaleshub.rules.vocabulary;

import java.util.Map;

/**
 * Every fact a decision table can test, for one event. This record is the vocabulary: a new fact is a new
 * component here (plus its getter on {@link OfferFacts}, its line in rules/README.md, and the code that
 * computes it); the cases file ({@code *.cases.csv}) takes any of these names as a column.
 *
 * @param moment              the moment's name, e.g. {@code SUPPORT_CLOSED}
 * @param productLine         the unit's product line, e.g. {@code espresso}
 * @param modelCode           the unit's model code, e.g. {@code EM-100}
 * @param market              the market the unit was made for, e.g. {@code EU}
 * @param registrationChannel where the owner registered: {@code web}, {@code retail}, {@code app} … (may be null)
 * @param ownerCountry        the owner's ISO country code
 * @param unitAgeDays         days since purchase (or since manufacture when no purchase date is known)
 * @param daysOwned           days since the current ownership began
 * @param ownershipYear       the year of ownership this event is about (anniversary events name it; else completed years + 1)
 * @param warrantyActive      whether the standard warranty still runs
 * @param warrantyDaysLeft    days until the standard warranty ends (0 once it has ended)
 * @param hasExtendedWarranty whether the owner already owns a warranty plan for the unit's model
 * @param hasSuccessor        whether the unit's model has a successor model in the catalogue
 * @param caseCategory        a closed support case's category ({@code attributes.category}), else null
 * @param supportResolution   a closed support case's resolution ({@code attributes.resolution}, e.g. {@code resolved}), else null
 * @param newOwner            whether the unit had an earlier owner (an ownership of it has ended: a transfer)
 * @param offersLast30Days    offers delivered to this owner (any unit, any moment; not held out) in the last 30 days
 * @param attributes          the event's attributes as text, for tables that need one the vocabulary lacks
 */
public record FactValues(String moment, String productLine, String modelCode, String market, String registrationChannel,
                         String ownerCountry, int unitAgeDays, int daysOwned, int ownershipYear, boolean warrantyActive,
                         int warrantyDaysLeft, boolean hasExtendedWarranty, boolean hasSuccessor, String caseCategory,
                         String supportResolution, boolean newOwner, int offersLast30Days, Map<String, String> attributes) {

    public FactValues {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
