/**
 * Marketing webhook connector: a signed JSON campaign action per offer to an owner with marketing consent,
 * channel {@code marketing-webhook}, route {@code marketing-webhook-out-action} in {@code routes/}. See
 * {@code connectors/marketing-webhook/README.md}.
 */
package io.aftersaleshub.connector.marketing;
