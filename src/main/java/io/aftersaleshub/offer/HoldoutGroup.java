package io.aftersaleshub.offer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.aftersaleshub.rules.vocabulary.Moment;

/**
 * Which owners are held out at a moment: a stable hash of owner id and moment puts every owner in one of
 * 10,000 buckets per moment, and the buckets below share × 10,000 are held out. The same owner is always
 * in the same group at the same moment (on every hub node, after every restart), and the groups of
 * different moments are independent of each other.
 */
public final class HoldoutGroup {

    static final int BUCKETS = 10_000;

    private HoldoutGroup() {
    }

    public static boolean isHeldOut(UUID ownerId, Moment moment, double share) {
        return share > 0 && bucket(ownerId, moment) < Math.round(share * BUCKETS);
    }

    /** 0 … 9,999; a pure function of the owner id's bits and the moment's name. */
    static int bucket(UUID ownerId, Moment moment) {
        long h = mix(ownerId.getMostSignificantBits() ^ mix(ownerId.getLeastSignificantBits() ^ salt(moment)));
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }

    /** FNV-1a of the moment's name: stable, unlike {@code Enum.hashCode()}. */
    private static long salt(Moment moment) {
        long h = 0xcbf29ce484222325L;
        for (byte b : moment.name().getBytes(StandardCharsets.US_ASCII)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: every input bit flips about half of the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
