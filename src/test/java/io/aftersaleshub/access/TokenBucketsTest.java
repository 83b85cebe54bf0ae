package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    final AtomicLong nanos = new AtomicLong();

    @Test
    void aBurstPassesThenTheClientWaitsForTheRefill() {
        TokenBuckets buckets = new TokenBuckets(new RateLimitProperties.Limit(0.5, 3), nanos::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        // one token comes every 2 s
        assertThat(buckets.take("a")).isEqualTo(2);
        assertThat(buckets.take("b")).as("another client has its own bucket").isZero();
        nanos.addAndGet(1_000_000_000L);
        assertThat(buckets.take("a")).isEqualTo(1);
        nanos.addAndGet(1_000_000_000L);
        assertThat(buckets.take("a")).isZero();
        // a long pause refills no more than the burst
        nanos.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isZero();
        }
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void aLimitThatLetsNothingThroughIsRefused() {
        assertThatThrownBy(() -> new TokenBuckets(new RateLimitProperties.Limit(0, 5), nanos::get))
                .hasMessageContaining("per-second > 0");
    }
}
