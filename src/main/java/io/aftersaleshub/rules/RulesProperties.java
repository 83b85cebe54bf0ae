package io.aftersaleshub.rules;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the analysts' workbooks live (without that folder the copy inside the jar is used), and how often
 * each hub node looks for a newly activated version in the database and for a changed workbook in the folder.
 */
@ConfigurationProperties("hub.rules")
public record RulesProperties(String dir, Duration poll) {

    public RulesProperties {
        poll = poll == null ? Duration.ofSeconds(5) : poll;
    }
}
