package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftersaleshub.dispatch.HttpSinkResponse.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which peer answers are retried by the broker and which go to the dead letters at once; what settings an HTTP sink refuses. */
class HttpSinkResponseTest {

    @ParameterizedTest
    @CsvSource({"200,SENT", "202,SENT", "204,SENT", "500,RETRY", "502,RETRY", "503,RETRY", "408,RETRY", "429,RETRY",
            "400,DEAD", "401,DEAD", "404,DEAD", "422,DEAD", "301,DEAD"})
    void successIsSentUnavailableIsRetriedARefusalIsDeadAtOnce(int status, Outcome outcome) {
        assertThat(HttpSinkResponse.of(status)).isEqualTo(outcome);
    }

    @Test
    void aSinkUrlMustBeHttpAndComeWithItsCredential() {
        assertThat(HttpSinkSettings.url(" ", "URL", null, "KEY")).isNull();
        assertThat(HttpSinkSettings.url(" https://tool.example/hook ", "URL", "s", "KEY")).isEqualTo("https://tool.example/hook");
        assertThatThrownBy(() -> HttpSinkSettings.url("ftp://tool.example", "URL", "s", "KEY"))
                .hasMessage("URL must start with http:// or https://");
        assertThatThrownBy(() -> HttpSinkSettings.url("https://tool.example", "URL", " ", "KEY"))
                .hasMessage("KEY is required when URL is set");
    }
}
