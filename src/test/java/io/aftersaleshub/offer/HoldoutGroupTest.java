package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.UUID;

import io.aftersaleshub.rules.vocabulary.Moment;
import org.junit.jupiter.api.Test;

/** The holdout group: the configured share of owners, stable per owner and moment, independent across moments. */
class HoldoutGroupTest {

    @Test
    void tenThousandOwnersAreHeldOutWithinOneAndAHalfPointsOfTheShare() {
        Random random = new Random(42);
        for (double share : new double[] {0.1, 0.25, 0.5}) {
            for (Moment moment : Moment.values()) {
                int held = 0;
                for (int i = 0; i < 10_000; i++) {
                    if (HoldoutGroup.isHeldOut(new UUID(random.nextLong(), random.nextLong()), moment, share)) {
                        held++;
                    }
                }
                assertThat(held / 10_000.0).as("%s at share %s", moment, share).isCloseTo(share, within(0.015));
            }
        }
    }

    @Test
    void theSameOwnerIsAlwaysInTheSameGroupAndTheBucketIsAFixedFunction() {
        UUID owner = UUID.fromString("2f1c7a4e-9b1d-4c55-8a0e-5d7f3b2a9c10");
        // pinned: a change of the hash would silently move owners between groups and spoil running measurements
        assertThat(HoldoutGroup.bucket(owner, Moment.REGISTRATION)).isEqualTo(7155);
        assertThat(HoldoutGroup.bucket(owner, Moment.WARRANTY_EXPIRING)).isEqualTo(138);
        assertThat(HoldoutGroup.isHeldOut(owner, Moment.WARRANTY_EXPIRING, 0.1)).isTrue();
        assertThat(HoldoutGroup.isHeldOut(owner, Moment.REGISTRATION, 0.1)).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(HoldoutGroup.isHeldOut(owner, Moment.ANNIVERSARY, 0.3))
                    .isEqualTo(HoldoutGroup.bucket(owner, Moment.ANNIVERSARY) < 3_000);
        }
    }

    @Test
    void groupsOfDifferentMomentsAreIndependent() {
        Random random = new Random(7);
        int both = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID owner = new UUID(random.nextLong(), random.nextLong());
            if (HoldoutGroup.isHeldOut(owner, Moment.REGISTRATION, 0.5) && HoldoutGroup.isHeldOut(owner, Moment.ANNIVERSARY, 0.5)) {
                both++;
            }
        }
        assertThat(both / 10_000.0).isCloseTo(0.25, within(0.015));
    }

    @Test
    void shareZeroHoldsOutNobodyAndShareOneEverybody() {
        UUID owner = UUID.randomUUID();
        assertThat(HoldoutGroup.isHeldOut(owner, Moment.PARTS_VIEWED, 0)).isFalse();
        assertThat(HoldoutGroup.isHeldOut(owner, Moment.PARTS_VIEWED, 1)).isTrue();
    }
}
