package io.aftersaleshub.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses between the embedded default and production servers from the environment, so that one
 * command runs the hub with nothing installed and the same jar uses real servers when told to.
 * Runs after application.yml is read; explicit {@code spring.*} settings always win.
 */
public class HubEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> props = new HashMap<>();

        String databaseUrl = env.getProperty("DATABASE_URL");
        if (StringUtils.hasText(databaseUrl) && !env.containsProperty("spring.datasource.url")) {
            JdbcTarget target = JdbcTarget.parse(databaseUrl);
            props.put("spring.datasource.url", target.jdbcUrl());
            putIfText(props, "spring.datasource.username",
                    firstText(env.getProperty("DATABASE_USER"), env.getProperty("DATABASE_USERNAME"), target.user()));
            putIfText(props, "spring.datasource.password", firstText(env.getProperty("DATABASE_PASSWORD"), target.password()));
        }

        String artemisUrl = env.getProperty("ARTEMIS_URL");
        if (StringUtils.hasText(artemisUrl)) {
            props.put("spring.artemis.mode", "native");
            props.put("spring.artemis.embedded.enabled", "false");
            props.put("spring.artemis.broker-url", artemisUrl);
            putIfText(props, "spring.artemis.user", env.getProperty("ARTEMIS_USER"));
            putIfText(props, "spring.artemis.password", env.getProperty("ARTEMIS_PASSWORD"));
        } else if (!env.containsProperty("spring.artemis.mode")) {
            props.put("spring.artemis.mode", "embedded");
            props.put("spring.artemis.embedded.enabled", "true");
            props.put("spring.artemis.embedded.persistent", "true");
            // a placeholder, resolved when Artemis starts, so that tests can set hub.data-dir late
            props.put("spring.artemis.embedded.data-directory", "${hub.data-dir}/artemis");
        }

        String smtpHost = env.getProperty("SMTP_HOST");
        if (StringUtils.hasText(smtpHost)) {
            props.put("hub.mail.host", smtpHost);
            props.put("hub.mail.port", env.getProperty("SMTP_PORT", "587"));
            // port 587 servers expect STARTTLS before the login; SMTP_STARTTLS=false for a plain relay
            props.put("hub.mail.starttls", env.getProperty("SMTP_STARTTLS", "true"));
            // credentials go straight to Camel's smtp component, never into a URI that could be logged
            putIfText(props, "camel.component.smtp.username", env.getProperty("SMTP_USERNAME"));
            putIfText(props, "camel.component.smtp.password", env.getProperty("SMTP_PASSWORD"));
            props.put("hub.mail.dev-mailbox", "false");
        } else if (!env.containsProperty("hub.mail.host")) {
            if (StringUtils.hasText(databaseUrl) || env.containsProperty("spring.datasource.url")) {
                // a production database with the dev mailbox would mark e-mails sent that never leave the hub
                throw new IllegalStateException("SMTP_HOST is required when DATABASE_URL is set; "
                        + "the dev mailbox runs only in the embedded default");
            }
            // Embedded default: a real SMTP server on loopback, read back through /api/dev/mailbox.
            props.put("hub.mail.host", "127.0.0.1");
            props.put("hub.mail.port", env.getProperty("HUB_DEV_SMTP_PORT", "2525"));
            props.put("hub.mail.dev-mailbox", "true");
        }

        // IT edits routes in ./routes; a jar started elsewhere uses the copy it was built with.
        Path routesDir = Path.of(env.getProperty("hub.routes-dir", "./routes")).toAbsolutePath().normalize();
        props.put("camel.main.routes-include-pattern", routesDir.toFile().isDirectory()
                ? "file:" + routesDir + "/*.camel.yaml"
                : "classpath:routes/*.camel.yaml");

        env.getPropertySources().addFirst(new MapPropertySource("hubEnvironment", props));
    }

    @Override
    public int getOrder() {
        // after ConfigDataEnvironmentPostProcessor, so application.yml and env variables are visible
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static void putIfText(Map<String, Object> props, String key, String value) {
        if (StringUtils.hasText(value)) {
            props.put(key, value);
        }
    }

    private static String firstText(String... values) {
        for (String v : values) {
            if (StringUtils.hasText(v)) {
                return v;
            }
        }
        return null;
    }

    /** DATABASE_URL as either a JDBC URL or the common {@code postgres://user:pass@host:port/db} form. */
    record JdbcTarget(String jdbcUrl, String user, String password) {
        static JdbcTarget parse(String url) {
            if (url.startsWith("jdbc:")) {
                return new JdbcTarget(url, null, null);
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                // the URL may hold a password: never repeat it in the message
                throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
            }
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql:, postgres: or postgresql:");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = java.net.URLDecoder.decode(parts[0], java.nio.charset.StandardCharsets.UTF_8);
                if (parts.length == 2) {
                    password = java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
            String query = uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "";
            return new JdbcTarget("jdbc:postgresql://" + uri.getHost() + port + uri.getRawPath() + query, user, password);
        }
    }
}
