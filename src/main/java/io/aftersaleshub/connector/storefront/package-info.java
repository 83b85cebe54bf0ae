/**
 * Storefront connector: the customer's offer pushed to the shop (channel {@code storefront}, route
 * {@code storefront-out-offer} in {@code routes/}), off by default. See {@code connectors/storefront/README.md}.
 */
package io.aftersaleshub.connector.storefront;
