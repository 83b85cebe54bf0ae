package io.aftersaleshub.platform;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be: {@code max} everywhere, {@code large} on the paths that take imports
 * ({@code largePaths}, Spring path patterns).
 */
@ConfigurationProperties("hub.body-limit")
public record BodyLimitProperties(@DefaultValue("1MB") DataSize max,
                                  @DefaultValue("100MB") DataSize large,
                                  @DefaultValue({"/api/imports/**", "/api/rules/**", "/api/catalog"}) List<String> largePaths) {
}
