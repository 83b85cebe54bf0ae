/**
 * The rule vocabulary: what decision tables see ({@link io.aftersaleshub.rules.vocabulary.OfferFacts}),
 * the moments, and what a row proposes. Stable for analysts' workbooks; no entity classes.
 */
@org.springframework.modulith.NamedInterface("vocabulary")
package io.aftersaleshub.rules.vocabulary;
