/**
 * measure: which decisions converted into orders, with their revenue. Keeps its own attribution rows from
 * {@code offer.OffersDecided}; shops report orders and refunds through {@link io.aftersaleshub.measure.Conversions}.
 */
package io.aftersaleshub.measure;
