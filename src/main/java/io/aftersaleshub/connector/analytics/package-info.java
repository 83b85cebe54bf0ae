/**
 * Analytics connector: Segment-spec {@code track} calls in batches ("Offer Decided" through channel
 * {@code analytics} and route {@code analytics-out-track}; "Offer Delivered", "Offer Clicked" and "Order Completed"
 * from the feeds of route {@code analytics-out-feeds}), the documented views {@code analytics_decisions},
 * {@code analytics_deliveries}, {@code analytics_clicks} and {@code analytics_conversions}, and the CSV export
 * {@code GET /api/analytics/export}. See {@code connectors/analytics/README.md}.
 */
package io.aftersaleshub.connector.analytics;
