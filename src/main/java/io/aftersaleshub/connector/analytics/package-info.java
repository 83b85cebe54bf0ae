/**
 * Analytics connector: Segment-spec {@code track} calls in batches ("Offer Decided" through channel
 * {@code analytics} and route {@code analytics-out-track}; "Offer Delivered" from the deliveries feed, route
 * {@code analytics-out-deliveries}), the documented views {@code analytics_decisions} and
 * {@code analytics_deliveries}, and their CSV export {@code GET /api/analytics/export}. See
 * {@code connectors/analytics/README.md}.
 */
package io.aftersaleshub.connector.analytics;
