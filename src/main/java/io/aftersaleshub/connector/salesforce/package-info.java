/**
 * Salesforce connector: Case Change Data Capture in through the Pub/Sub API (route {@code salesforce-in-cases}),
 * closed cases ingested as {@code support.case_closed} events, the replay id checkpointed in PostgreSQL, {@code GAP_*}
 * events and incomplete closes re-read through the REST API (route {@code salesforce-in-gap-fill}), and an expired or
 * refused replay id caught up by SOQL. See {@code connectors/salesforce/README.md}.
 */
package io.aftersaleshub.connector.salesforce;
