/**
 * Shopify connector: order, refund and customer webhooks in ({@code POST /webhooks/shopify}, routes
 * {@code shopify-in-webhook} and {@code shopify-in-sweep}); discount codes out (channel {@code shopify-discount},
 * route {@code shopify-out-discount} in {@code routes/}). See {@code connectors/shopify/README.md}.
 */
package io.aftersaleshub.connector.shopify;
