package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftersaleshub.dispatch.HttpSinkResponse.Outcome;
import org.junit.jupiter.api.Test;

/** Which peer answers are retried by the broker and which go to the dead letters at once. */
class HttpSinkResponseTest {

    @Test
    void successIsSentUnavailableIsRetriedARefusalIsDeadAtOnce() {
        assertThat(HttpSinkResponse.of(200)).isEqualTo(Outcome.SENT);
        assertThat(HttpSinkResponse.of(202)).isEqualTo(Outcome.SENT);
        assertThat(HttpSinkResponse.of(204)).isEqualTo(Outcome.SENT);
        assertThat(HttpSinkResponse.of(500)).isEqualTo(Outcome.RETRY);
        assertThat(HttpSinkResponse.of(503)).isEqualTo(Outcome.RETRY);
        assertThat(HttpSinkResponse.of(408)).isEqualTo(Outcome.RETRY);
        assertThat(HttpSinkResponse.of(429)).isEqualTo(Outcome.RETRY);
        assertThat(HttpSinkResponse.of(400)).isEqualTo(Outcome.DEAD);
        assertThat(HttpSinkResponse.of(401)).isEqualTo(Outcome.DEAD);
        assertThat(HttpSinkResponse.of(404)).isEqualTo(Outcome.DEAD);
        assertThat(HttpSinkResponse.of(422)).isEqualTo(Outcome.DEAD);
        assertThat(HttpSinkResponse.of(301)).isEqualTo(Outcome.DEAD);
    }
}
