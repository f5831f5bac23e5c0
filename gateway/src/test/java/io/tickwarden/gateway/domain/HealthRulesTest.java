package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.gateway.domain.UpstreamViews.Auth;
import io.tickwarden.gateway.domain.UpstreamViews.Feed;
import io.tickwarden.gateway.domain.UpstreamViews.Market;
import io.tickwarden.gateway.domain.UpstreamViews.Snapshot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static Snapshot<Market> market(String phase) {
        return new Snapshot<>(
                new Market(phase, phase, null, true, "X", null, 10L, null, false, null, "CM"),
                Freshness.FRESH,
                1.0,
                null);
    }

    private static Snapshot<Auth> auth(String state, Freshness f) {
        return new Snapshot<>(
                new Auth(
                        state,
                        "VALID".equals(state),
                        "EXPIRED".equals(state) || "REQUIRED".equals(state),
                        null,
                        null,
                        null),
                f,
                1.0,
                null);
    }

    private static Snapshot<Feed> feed(String state, boolean healthy, Freshness f) {
        return feed(state, healthy, f, "kite");
    }

    private static Snapshot<Feed> feed(String state, boolean healthy, Freshness f, String broker) {
        return new Snapshot<>(
                new Feed(state, "WEBSOCKET", healthy, healthy ? "GOOD" : "DOWN", 0.1, null, null, null, null, broker),
                f,
                1.0,
                null);
    }

    private static <T> Snapshot<T> missing() {
        return new Snapshot<>(null, Freshness.MISSING, null, "key absent");
    }

    private static PriorityStatus eval(Snapshot<Market> m, Snapshot<Auth> a, Snapshot<Feed> f) {
        return HealthRules.evaluate(m, a, f).status();
    }

    @Test
    void theLoginMessageNamesTheBroker() {
        Snapshot<Auth> refused = new Snapshot<>(
                new Auth(
                        "REQUIRED",
                        false,
                        true,
                        "ANGEL_PIN or ANGEL_TOTP_SECRET refused by Angel One twice",
                        null,
                        null),
                Freshness.FRESH,
                1.0,
                null);
        assertEquals(
                "Angel One login required: ANGEL_PIN or ANGEL_TOTP_SECRET refused by Angel One twice",
                HealthRules.evaluate(market("LIVE"), refused, feed("AUTH_BLOCKED", false, Freshness.FRESH, "angel"))
                        .message());
        assertEquals(
                "Kite login required (token EXPIRED)",
                HealthRules.evaluate(
                                market("LIVE"),
                                auth("EXPIRED", Freshness.FRESH),
                                feed("AUTH_BLOCKED", false, Freshness.FRESH))
                        .message());
    }

    @Test
    void priorities() {
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(market("LIVE"), auth("VALID", Freshness.FRESH), feed("CONNECTED", true, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.AUTH_REQUIRED,
                eval(market("LIVE"), auth("EXPIRED", Freshness.FRESH), feed("CONNECTED", true, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.AUTH_REQUIRED,
                eval(market("CLOSED"), auth("REQUIRED", Freshness.FRESH), feed("IDLE", false, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.FEED_DISCONNECTED,
                eval(market("LIVE"), auth("VALID", Freshness.FRESH), feed("DISCONNECTED", false, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.FEED_DISCONNECTED,
                eval(market("CLOSING_AUCTION"), auth("VALID", Freshness.FRESH), feed("STALE", false, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(market("CLOSED"), auth("VALID", Freshness.FRESH), feed("IDLE", false, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(market("PRE_OPEN"), auth("VALID", Freshness.FRESH), feed("CONNECTED", false, Freshness.FRESH)));
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(market("LIVE"), auth("REFRESHING", Freshness.FRESH), feed("CONNECTED", true, Freshness.FRESH)));
    }

    @Test
    void staleOrMissingIsNeverGoodNews() {
        // A stale healthy feed during LIVE is not data.
        assertEquals(
                PriorityStatus.FEED_DISCONNECTED,
                eval(market("LIVE"), auth("VALID", Freshness.FRESH), feed("CONNECTED", true, Freshness.STALE)));
        // Unknown market phase counts as open.
        assertEquals(PriorityStatus.FEED_DISCONNECTED, eval(missing(), auth("VALID", Freshness.FRESH), missing()));
        // A stale "EXPIRED" is not proof either way; the fresh feed is flowing, so the market session shows.
        assertEquals(
                PriorityStatus.MARKET_SESSION,
                eval(market("LIVE"), auth("EXPIRED", Freshness.STALE), feed("CONNECTED", true, Freshness.FRESH)));
        // Auth unknown, but the feed reports its token refused.
        assertEquals(
                PriorityStatus.AUTH_REQUIRED,
                eval(market("LIVE"), missing(), feed("AUTH_BLOCKED", false, Freshness.FRESH)));
    }

    @Test
    void ageUsesTheWritersTimeOrElseTheLastObservedChange() {
        Instant now = Instant.parse("2026-01-16T05:00:00Z");
        assertEquals(Duration.ofSeconds(60), Freshness.age(now.minusSeconds(60), now, now));
        assertEquals(Duration.ofSeconds(30), Freshness.age(null, now.minusSeconds(30), now));
        assertEquals(Duration.ZERO, Freshness.age(now.plusSeconds(5), null, now));
        assertEquals(Freshness.STALE, Freshness.judge(Duration.ofSeconds(46), Duration.ofSeconds(45)));
        assertEquals(Freshness.FRESH, Freshness.judge(Duration.ofSeconds(45), Duration.ofSeconds(45)));
    }
}
