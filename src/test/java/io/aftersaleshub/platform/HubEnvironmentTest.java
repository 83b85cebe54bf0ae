package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class HubEnvironmentTest {

    @Test
    void withNothingSetTheHubRunsEmbedded() {
        StandardEnvironment env = environment(Map.of());
        assertThat(env.getProperty("spring.datasource.url")).isNull();
        assertThat(env.getProperty("spring.artemis.mode")).isEqualTo("embedded");
        assertThat(env.getProperty("hub.mail.dev-mailbox")).isEqualTo("true");
        assertThat(env.getProperty("hub.mail.port")).isEqualTo("2525");
    }

    @Test
    void productionServersComeFromTheEnvironment() {
        StandardEnvironment env = environment(Map.of(
                "DATABASE_URL", "postgres://hub:s%40cret@db.internal:5433/hub?sslmode=require",
                "ARTEMIS_URL", "tcp://mq:61616", "ARTEMIS_USER", "hub",
                "SMTP_HOST", "smtp.internal", "SMTP_USERNAME", "mailer", "SMTP_PASSWORD", "pw"));
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.internal:5433/hub?sslmode=require");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("hub");
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo("s@cret");
        assertThat(env.getProperty("spring.artemis.mode")).isEqualTo("native");
        assertThat(env.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://mq:61616");
        assertThat(env.getProperty("hub.mail.host")).isEqualTo("smtp.internal");
        assertThat(env.getProperty("hub.mail.port")).isEqualTo("587");
        assertThat(env.getProperty("hub.mail.dev-mailbox")).isEqualTo("false");
        assertThat(env.getProperty("hub.mail.starttls")).isEqualTo("true");
        assertThat(env.getProperty("camel.component.smtp.username")).isEqualTo("mailer");
    }

    @Test
    void aJdbcDatabaseUrlIsUsedAsItIsWithSeparateCredentials() {
        StandardEnvironment env = environment(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/hub",
                "DATABASE_USER", "u", "DATABASE_PASSWORD", "p", "SMTP_HOST", "smtp.internal"));
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/hub");
        assertThat(env.getProperty("spring.datasource.username")).isEqualTo("u");
        assertThat(env.getProperty("spring.datasource.password")).isEqualTo("p");
    }

    @Test
    void aProductionDatabaseWithoutSmtpIsRefusedRatherThanMailingIntoTheDevMailbox() {
        assertThatThrownBy(() -> environment(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/hub")))
                .hasMessage("SMTP_HOST is required when DATABASE_URL is set; the dev mailbox runs only in the embedded default");
    }

    @Test
    void aMalformedDatabaseUrlIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> HubEnvironment.JdbcTarget.parse("postgres://hub:se cret@db/hub"))
                .hasMessage("DATABASE_URL is not a valid URL");
    }

    @Test
    void anUnknownDatabaseUrlSchemeIsRefused() {
        assertThatThrownBy(() -> HubEnvironment.JdbcTarget.parse("mysql://db/hub"))
                .hasMessageContaining("DATABASE_URL must start with");
    }

    private static StandardEnvironment environment(Map<String, Object> values) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("test", values));
        new HubEnvironment().postProcessEnvironment(env, new SpringApplication());
        return env;
    }
}
