package io.tickwarden.feed.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickwarden.feed.redis.AuthReporter;
import io.tickwarden.feed.redis.FakeAuthReporter;
import io.tickwarden.feed.redis.UpstreamSnapshots.AuthSnapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** AUTH_BLOCKED's report rules at instants the test chooses. */
class AuthBlockTest {

    static final Instant T0 = LeadershipTest.T0;
    final LeadershipTest.TestClock clock = new LeadershipTest.TestClock();
    final FakeAuthReporter reporter = new FakeAuthReporter();
    final FeedMetrics metrics = new FeedMetrics(new SimpleMeterRegistry());
    final AuthBlock block = new AuthBlock(reporter, metrics, clock, Duration.ofSeconds(15));
    final AuthSnapshot stillValid = new AuthSnapshot("VALID", 7L, T0.minusSeconds(600), T0.minusSeconds(300));
    final AuthReporter.Report report = AuthReporter.Report.handshakeRejected(7, 403, "feed-a");

    void stepAt(Instant at, AuthSnapshot a) {
        clock.now = at;
        block.reportStep(at, a);
    }

    @Test
    void reportsAtOnceThenEveryPeriodWhileAuthServiceStaysSilent() {
        block.block(T0, 7, "handshake refused with HTTP 403", report);
        assertTrue(block.isBlocked());
        stepAt(T0, stillValid);
        assertEquals(1, reporter.sent.size());
        stepAt(T0.plusSeconds(14), stillValid);
        assertEquals(1, reporter.sent.size());
        stepAt(T0.plusSeconds(15), stillValid);
        assertEquals(2, reporter.sent.size());
        assertEquals(1.0, metrics.count("feed_auth_reports_total", "result", "sent"));
        assertEquals(1.0, metrics.count("feed_auth_reports_total", "result", "resent"));
    }

    @Test
    void unheardReportsAreRetriedSoonerAndNothingIsResentOnceAuthLeftValid() {
        reporter.receivers = r -> 0;
        block.block(T0, 7, "handshake refused with HTTP 403", report);
        stepAt(T0, stillValid);
        stepAt(T0.plusMillis(999), stillValid);
        assertEquals(1, reporter.sent.size());
        stepAt(T0.plusSeconds(1), stillValid);
        assertEquals(2, reporter.sent.size());
        stepAt(T0.plusSeconds(3), stillValid);
        assertEquals(3, reporter.sent.size(), "1 s, then 2 s");
        assertEquals(3.0, metrics.count("feed_auth_reports_total", "result", "no_subscriber"));
        stepAt(T0.plusSeconds(60), new AuthSnapshot("EXPIRED", 7L, T0.plusSeconds(30), null));
        assertEquals(3, reporter.sent.size(), "auth-service confirmed the rejection: only a login helps");
    }

    @Test
    void liftsOnRevalidationNewTokenOrValidEvent() {
        block.block(T0, 7, "quote refused the token", report);
        assertFalse(block.unblockedBy(stillValid));
        assertFalse(block.unblockedBy(null));
        assertTrue(block.unblockedBy(new AuthSnapshot("VALID", 7L, T0.minusSeconds(600), T0.plusSeconds(1))));
        assertTrue(block.unblockedBy(new AuthSnapshot("VALID", 8L, T0.plusSeconds(1), null)));
        block.validEventSeen();
        assertTrue(block.unblockedBy(stillValid));
        block.block(T0.plusSeconds(5), 7, "again", report);
        assertFalse(block.unblockedBy(stillValid), "a new block forgets the earlier VALID event");
        block.clear();
        assertFalse(block.isBlocked());
        stepAt(T0.plusSeconds(6), stillValid);
        assertEquals(0, reporter.sent.size(), "cleared: nothing to report");
    }
}
