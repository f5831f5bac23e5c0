package io.tickwarden.bench.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.bench.pubsub.Saturation.Inputs;
import io.tickwarden.bench.pubsub.Saturation.Verdict;
import org.junit.jupiter.api.Test;

class SaturationTest {

    @Test
    void aPointWhereEveryoneKeptUpMeasuresRedis() {
        assertEquals(
                Verdict.OK,
                Saturation.judge(new Inputs(2, 30, 35, 60, 6000, 5990, 1.0, 0)).verdict());
    }

    @Test
    void redisNearAWholeCoreIsRedisBoundWhateverTheBenchDid() {
        assertEquals(
                Verdict.REDIS_BOUND,
                Saturation.judge(new Inputs(2, 92, 97, 100, 48000, 30000, 0.5, 0))
                        .verdict());
    }

    @Test
    void theBenchUsingMostOfWhatRedisLeavesIsClientBound() {
        // 2 cores, Redis 50 %: 150 % left, 80 % of it is 120 %.
        var r = Saturation.judge(new Inputs(2, 50, 55, 125, 24000, 24000, 1.0, 0));
        assertEquals(Verdict.CLIENT_BOUND, r.verdict());
        assertEquals(1, r.reasons().size());
        assertEquals(
                Verdict.OK,
                Saturation.judge(new Inputs(2, 50, 55, 115, 24000, 24000, 1.0, 0))
                        .verdict());
    }

    @Test
    void aPublisherOrSubscriberFallingBehindIsClientBound() {
        assertEquals(
                Verdict.CLIENT_BOUND,
                Saturation.judge(new Inputs(2, 40, 45, 50, 24000, 22000, 1.0, 0))
                        .verdict());
        assertEquals(
                Verdict.CLIENT_BOUND,
                Saturation.judge(new Inputs(2, 40, 45, 50, 24000, 24000, 0.9, 0))
                        .verdict());
        assertEquals(
                Verdict.CLIENT_BOUND,
                Saturation.judge(new Inputs(2, 40, 45, 50, 24000, 24000, 1.0, 1))
                        .verdict());
    }

    @Test
    void aPublisherHeldBackByARedisAtItsPeakIsRedisBound() {
        // Redis 84 % on average, 94 % at its peak; the bench had CPU left (60 of the 116 % Redis leaves).
        var r = Saturation.judge(new Inputs(2, 84, 94, 60, 384000, 191500, 0.95, 0));
        assertEquals(Verdict.REDIS_BOUND, r.verdict(), r.reasons().toString());
        assertEquals(
                Verdict.CLIENT_BOUND,
                Saturation.judge(new Inputs(2, 84, 94, 100, 384000, 191500, 1.0, 0))
                        .verdict(),
                "with the bench at its limit it is the bench that fell behind");
        assertEquals(
                Verdict.CLIENT_BOUND,
                Saturation.judge(new Inputs(2, 60, 70, 60, 384000, 191500, 1.0, 0))
                        .verdict(),
                "Redis never near a core: the publisher fell behind on its own");
    }
}
