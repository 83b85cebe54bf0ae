package io.aftersaleshub.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in memory, one per client (address or key): {@code perSecond} tokens are added a
 * second up to {@code burst}; a request takes one. Per hub node; buckets idle long enough to be full
 * again are dropped when there are many.
 */
class TokenBuckets {

    private static final int PRUNE_ABOVE = 10_000;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    TokenBuckets(RateLimitProperties.Limit limit, LongSupplier nanoTime) {
        if (limit.perSecond() <= 0 || limit.burst() < 1) {
            throw new IllegalArgumentException("a rate limit needs per-second > 0 and burst >= 1, not " + limit);
        }
        this.perSecond = limit.perSecond();
        this.burst = limit.burst();
        this.nanoTime = nanoTime;
    }

    /** Takes a token for this client: 0 when the request may pass, else the seconds to wait (at least 1). */
    long take(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            prune(now);
        }
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / perSecond));
        }
    }

    private void prune(long now) {
        buckets.values().removeIf(b -> {
            synchronized (b) {
                return b.tokens + (now - b.at) / 1e9 * perSecond >= burst;
            }
        });
    }
}
