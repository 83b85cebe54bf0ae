package io.aftersaleshub.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MeasurePropertiesTest {

    @Test
    void aMomentsWindowIsFoundUnderTheKeysPropertiesAndEnvironmentVariablesGive() {
        MeasureProperties p = new MeasureProperties(Duration.ofDays(7), Map.of("REGISTRATION", Duration.ofDays(30),
                "support.closed", Duration.ofDays(3), "parts-viewed", Duration.ofHours(12)));
        assertThat(p.windowFor("REGISTRATION")).isEqualTo(Duration.ofDays(30));
        assertThat(p.windowFor("SUPPORT_CLOSED")).isEqualTo(Duration.ofDays(3));
        assertThat(p.windowFor("PARTS_VIEWED")).isEqualTo(Duration.ofHours(12));
        assertThat(p.windowFor("ANNIVERSARY")).isEqualTo(Duration.ofDays(7));
        assertThat(new MeasureProperties(null, null).windowFor("ANNIVERSARY")).isEqualTo(Duration.ofDays(14));
    }
}
