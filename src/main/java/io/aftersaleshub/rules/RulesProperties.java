package io.aftersaleshub.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the analysts' workbooks live; without that folder the copy inside the jar is used. */
@ConfigurationProperties("hub.rules")
public record RulesProperties(String dir) {
}
