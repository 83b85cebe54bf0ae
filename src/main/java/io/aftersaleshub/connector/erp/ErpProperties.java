package io.aftersaleshub.connector.erp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * ERP import settings: {@code inbox} is the folder watched for CSV files (done/ and errors/ inside it);
 * {@code endpoint} replaces it with another Camel consumer URI (e.g. {@code sftp://erp@host/outbox?privateKeyFile=…});
 * {@code work} holds files while they import.
 */
@ConfigurationProperties("hub.erp")
public record ErpProperties(String inbox, String endpoint, String work) {

    /** The consumer URI without the hub's own options. */
    public String base() {
        return endpoint == null || endpoint.isBlank() ? "file:" + inbox : endpoint.trim();
    }
}
