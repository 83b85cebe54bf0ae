package io.aftersaleshub.dispatch;

import org.springframework.util.StringUtils;

/** Checks of an HTTP sink's settings, made when they are bound, so that a bad value stops the hub with its variable's name. */
public final class HttpSinkSettings {

    private HttpSinkSettings() {
    }

    /**
     * The peer's URL, trimmed, or null when unset (the channel is off); when set it must be http(s) and the
     * credential it needs must be set too.
     */
    public static String url(String url, String urlVariable, String credential, String credentialVariable) {
        if (!StringUtils.hasText(url)) {
            return null;
        }
        String u = url.trim();
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            throw new IllegalArgumentException(urlVariable + " must start with http:// or https://");
        }
        if (!StringUtils.hasText(credential)) {
            throw new IllegalArgumentException(credentialVariable + " is required when " + urlVariable + " is set");
        }
        return u;
    }
}
