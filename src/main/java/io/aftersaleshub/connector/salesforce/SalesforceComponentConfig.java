package io.aftersaleshub.connector.salesforce;

import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Camel's {@code salesforce} component, set up from {@link SalesforceProperties} alone (no {@code camel.component.salesforce.*}
 * settings): the login flow follows from what is set — a keystore means JWT bearer, a username and password the
 * username-password flow, otherwise client credentials. The component logs in on first use unless the Change Data
 * Capture subscription runs (Camel's consumers need the session at start).
 */
@Configuration(proxyBeanMethods = false)
class SalesforceComponentConfig {

    @Bean("salesforce")
    SalesforceComponent salesforceComponent(SalesforceProperties settings) {
        SalesforceComponent c = new SalesforceComponent();
        c.setLazyLogin(!(settings.configured() && settings.subscribe()));
        c.setHttpRequestTimeout(20_000);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(settings.apiVersion());
        c.setConfig(config);
        c.setPubSubHost(settings.pubSubHost());
        c.setPubSubPort(settings.pubSubPort());
        if (!settings.configured()) {
            return c;
        }
        c.setLoginUrl(settings.loginUrl());
        c.setClientId(settings.clientId());
        if (StringUtils.hasText(settings.jwtKeystore())) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource(settings.jwtKeystore());
            keystore.setPassword(settings.jwtKeystorePassword());
            c.setKeystore(keystore);
            c.setUserName(settings.username());
            c.setAuthenticationType(AuthenticationType.JWT);
        } else if (StringUtils.hasText(settings.username()) && StringUtils.hasText(settings.password())) {
            c.setClientSecret(settings.clientSecret());
            c.setUserName(settings.username());
            c.setPassword(settings.password());
            c.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
        } else {
            c.setClientSecret(settings.clientSecret());
            c.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
        }
        return c;
    }
}
