package io.aftersaleshub.connector.salesforce;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The org's settings, from the environment ({@code HUB_SALESFORCE_*}, see {@code connectors/salesforce/README.md}):
 * how to log in (OAuth client id with a client secret, optionally a user's name and password, or a JWT keystore),
 * which Case fields hold the unit's GTIN and serial and the category, and which statuses mean resolved. Without a
 * login URL, client id and a secret or keystore the connector is off: no route starts, nothing logs in.
 */
@ConfigurationProperties("hub.salesforce")
public record SalesforceProperties(String loginUrl, String clientId, String clientSecret, String username, String password,
                                   String jwtKeystore, String jwtKeystorePassword, String apiVersion, String topic,
                                   boolean subscribe, String pubSubHost, int pubSubPort, boolean pubSubPlaintext, String gtinField, String serialField,
                                   String categoryField, String resolutionField, List<String> resolvedStatuses, String source,
                                   Duration replayRetention, Duration rereadPeriod, boolean tasks) {

    public SalesforceProperties {
        loginUrl = trimmed(loginUrl);
        if (loginUrl != null && loginUrl.endsWith("/")) {
            loginUrl = loginUrl.substring(0, loginUrl.length() - 1);
        }
        apiVersion = or(apiVersion, "62.0");
        topic = or(topic, "/data/CaseChangeEvent");
        pubSubHost = or(pubSubHost, "api.pubsub.salesforce.com");
        pubSubPort = pubSubPort <= 0 ? 7443 : pubSubPort;
        gtinField = or(gtinField, "Product_GTIN__c");
        serialField = or(serialField, "Serial_Number__c");
        categoryField = or(categoryField, "Type");
        resolutionField = or(resolutionField, "Status");
        resolvedStatuses = resolvedStatuses == null ? List.of() : resolvedStatuses.stream().map(String::trim).filter(StringUtils::hasText).toList();
        resolvedStatuses = resolvedStatuses.isEmpty() ? List.of("Closed") : resolvedStatuses;
        for (String field : List.of(gtinField, serialField, categoryField, resolutionField)) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("HUB_SALESFORCE_*_FIELD must be a Case field's API name (e.g. Product_GTIN__c), not '"
                        + field + "'");
            }
        }
        source = or(source, "salesforce");
        replayRetention = replayRetention == null ? Duration.ofHours(72) : replayRetention;
        rereadPeriod = rereadPeriod == null ? Duration.ofSeconds(30) : rereadPeriod;
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,79}$");

    /** Whether the connector is on: a login URL, a client id, and a client secret or a JWT keystore. */
    public boolean configured() {
        return loginUrl != null && StringUtils.hasText(clientId) && (StringUtils.hasText(clientSecret) || StringUtils.hasText(jwtKeystore));
    }

    /** The Case fields every read asks for. */
    List<String> caseFields() {
        return List.of("Id", "CaseNumber", "Status", "ClosedDate", "LastModifiedDate", gtinField, serialField, categoryField,
                resolutionField).stream().distinct().toList();
    }

    private static String trimmed(String s) {
        return StringUtils.hasText(s) ? s.trim() : null;
    }

    private static String or(String s, String otherwise) {
        return StringUtils.hasText(s) ? s.trim() : otherwise;
    }

    /** Never prints the secret, the password or the keystore password. */
    @Override
    public String toString() {
        return "SalesforceProperties[loginUrl=" + loginUrl + ", clientId=" + (StringUtils.hasText(clientId) ? "set" : "unset")
                + ", clientSecret=" + (StringUtils.hasText(clientSecret) ? "set" : "unset") + ", username=" + username
                + ", password=" + (StringUtils.hasText(password) ? "set" : "unset") + ", jwtKeystore=" + jwtKeystore
                + ", apiVersion=" + apiVersion + ", topic=" + topic + ", subscribe=" + subscribe + ", gtinField=" + gtinField
                + ", serialField=" + serialField + ", categoryField=" + categoryField + ", resolutionField=" + resolutionField
                + ", resolvedStatuses=" + resolvedStatuses + ", source=" + source + ", tasks=" + tasks + "]";
    }
}
