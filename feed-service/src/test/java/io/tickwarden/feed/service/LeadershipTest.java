package io.tickwarden.feed.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwarden.feed.redis.LeaderLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The leadership keeper against a fake lease and a clock the test moves. */
class LeadershipTest {

    static final Instant T0 = Instant.parse("2026-01-05T04:00:00Z");

    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class FakeLease implements Leadership.Lease {
        LeaderLease.Acquire acquire = LeaderLease.Acquire.NEW_TERM;
        boolean renewOk = true;
        RuntimeException failure;
        int releaseFailures;
        int renews;
        int releases;
        long epoch = 41;

        public String instanceId() {
            return "feed-a";
        }

        public LeaderLease.Acquire tryAcquire() {
            if (failure != null) {
                throw failure;
            }
            return acquire;
        }

        public boolean renew() {
            renews++;
            if (failure != null) {
                throw failure;
            }
            return renewOk;
        }

        public boolean release() {
            releases++;
            if (releaseFailures-- > 0) {
                throw new IllegalStateException("pool busy");
            }
            return true;
        }

        public long nextEpoch() {
            return ++epoch;
        }
    }

    final TestClock clock = new TestClock();
    final FakeLease lease = new FakeLease();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final FeedMetrics metrics = new FeedMetrics(registry);
    final List<String> heard = new CopyOnWriteArrayList<>();
    /** The monotonic clock, moved by the tests of the publish-path fence only. */
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    final Leadership keeper =
            new Leadership(lease, Duration.ofSeconds(1), Duration.ofSeconds(3), clock, metrics, nanos::get);

    LeadershipTest() {
        keeper.callbacks(new Leadership.Callbacks() {
            public void onElected(long epoch, Instant now) {
                heard.add("elected " + epoch + " leader=" + keeper.isLeader());
            }

            public void onLost(String why) {
                heard.add("lost " + why + " leader=" + keeper.isLeader());
            }

            public void onError(String message) {
                heard.add("error " + message);
            }
        });
    }

    @Test
    void electedWithANewEpochBeforeLeading() {
        lease.acquire = LeaderLease.Acquire.HELD_BY_OTHER;
        keeper.step(clock.now);
        assertFalse(keeper.isLeader());
        lease.acquire = LeaderLease.Acquire.ALREADY_OURS;
        keeper.step(clock.now);
        assertTrue(keeper.isLeader());
        assertEquals(List.of("elected 42 leader=false"), heard, "the epoch is in place before isLeader() turns true");
        assertEquals(1.0, metrics.count("feed_lease_changes_total", "change", "acquired"));
    }

    @Test
    void renewsEveryIntervalAndLosesWhenTaken() {
        keeper.step(clock.now);
        clock.now = T0.plusMillis(999);
        keeper.step(clock.now);
        assertEquals(0, lease.renews);
        clock.now = T0.plusSeconds(1);
        keeper.step(clock.now);
        assertEquals(1, lease.renews);
        lease.renewOk = false;
        clock.now = T0.plusSeconds(2);
        keeper.step(clock.now);
        assertFalse(keeper.isLeader());
        assertEquals("lost lease taken by another replica leader=false", heard.get(1));
        assertEquals(1.0, metrics.count("feed_lease_changes_total", "change", "lost"));
    }

    @Test
    void fencesItselfWhenRenewsFailForLongerThanFenceAfter() {
        keeper.step(clock.now);
        lease.failure = new IllegalStateException("redis down");
        clock.now = T0.plusSeconds(1);
        keeper.step(clock.now);
        clock.now = T0.plusSeconds(3);
        keeper.step(clock.now);
        assertTrue(keeper.isLeader(), "3 s without a renew is still within fence-after");
        clock.now = T0.plusMillis(3001);
        keeper.step(clock.now);
        assertFalse(keeper.isLeader());
        assertEquals(
                List.of(
                        "elected 42 leader=false",
                        "error lease renew failed: IllegalStateException",
                        "error lease renew failed: IllegalStateException",
                        "lost lease not renewed for 3000 ms (fencing) leader=false"),
                heard);
    }

    @Test
    void acquireFailureIsAnErrorNotALeadershipChange() {
        lease.failure = new IllegalStateException("redis down");
        keeper.step(clock.now);
        assertFalse(keeper.isLeader());
        assertEquals(List.of("error lease acquire failed: IllegalStateException"), heard);
    }

    @Test
    void shutdownStepsDownSilentlyAndReleasesWithRetries() {
        keeper.step(clock.now);
        lease.releaseFailures = 2;
        assertTrue(keeper.stepDown());
        assertFalse(keeper.isLeader());
        assertFalse(keeper.stepDown());
        keeper.releaseForShutdown();
        assertEquals(3, lease.releases);
        assertEquals(1.0, metrics.count("feed_lease_changes_total", "change", "released"));
        assertEquals(1, heard.size(), "no onLost at shutdown");
    }

    @Test
    void publishPathFencesOnMonotonicTimeBeforeTheControlLoopRuns() {
        keeper.step(clock.now);
        assertTrue(keeper.mayPublish());
        nanos.addAndGet(Duration.ofMillis(2999).toNanos());
        assertTrue(keeper.mayPublish(), "within fence-after since the acquire");
        // A SIGSTOP: the wall clock the control loop reads has not been looked at, but nanoTime ran on.
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertFalse(keeper.mayPublish(), "fence-after reached: nothing more is published");
        assertFalse(keeper.isLeader(), "leadership dropped on the publishing thread itself");
        assertFalse(keeper.mayPublish());
        await().atMost(30, TimeUnit.SECONDS).until(() -> heard.size() == 2);
        assertTrue(heard.get(1).startsWith("lost lease not renewed for 3000 ms (monotonic"), heard.get(1));
        assertEquals(1.0, metrics.count("feed_lease_changes_total", "change", "fenced_on_publish"));
        // The control step that runs afterwards does not lose a second time (the new leader holds the lease).
        lease.acquire = LeaderLease.Acquire.HELD_BY_OTHER;
        keeper.step(clock.now);
        assertEquals(2, heard.size(), heard.toString());
    }

    @Test
    void aSuccessfulRenewCountsFromWhenItStarted() {
        keeper.step(clock.now);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        clock.now = T0.plusSeconds(1);
        keeper.step(clock.now);
        assertEquals(1, lease.renews);
        nanos.addAndGet(Duration.ofMillis(2999).toNanos());
        assertTrue(keeper.mayPublish(), "2999 ms after the renew started");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertFalse(keeper.mayPublish());
    }

    @Test
    void controlLoopAlsoFencesOnMonotonicTimeWhenWallTimeStandsStill() {
        keeper.step(clock.now);
        lease.failure = new IllegalStateException("redis cut off");
        nanos.addAndGet(Duration.ofMillis(3000).toNanos());
        keeper.step(clock.now);
        assertFalse(keeper.isLeader());
        assertEquals("lost lease not renewed for 3000 ms (fencing) leader=false", heard.getLast());
    }

    @Test
    void aStandbyNeverMayPublish() {
        lease.acquire = LeaderLease.Acquire.HELD_BY_OTHER;
        keeper.step(clock.now);
        assertFalse(keeper.mayPublish());
        assertEquals(List.of(), heard, "nothing to fence");
    }
}
