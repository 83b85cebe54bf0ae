package io.aftersaleshub.transfer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Ownership transfers: a started transfer's one-time token is valid for {@code tokenValidity}. */
@ConfigurationProperties("hub.transfer")
public record TransferSettings(Duration tokenValidity) {
}
