package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.feed.broker.BrokerLimits;
import io.tickwarden.feed.config.AngelSettings;
import io.tickwarden.feed.config.FeedConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Angel's limits capped by the feed's settings, and the heartbeat timeout that fits its ping. */
class AngelBrokerTest {

    @Test
    void angelsLimitsWithTheFeedDefaults() {
        assertEquals(
                new BrokerLimits(3, 1000, 50, 1.0),
                broker(config(3, 3000, 500, Duration.ofSeconds(1)), Duration.ofSeconds(10))
                        .limits());
    }

    @Test
    void lowerFeedSettingsLowerThem() {
        assertEquals(
                new BrokerLimits(2, 600, 20, 0.5),
                broker(config(2, 600, 20, Duration.ofSeconds(2)), Duration.ofSeconds(10))
                        .limits());
    }

    @Test
    void heartbeatTimeoutIsTwoPingsAndNeverBelowTheConfiguredOne() {
        AngelBroker angel = broker(config(3, 3000, 500, Duration.ofSeconds(1)), Duration.ofSeconds(10));
        assertEquals(Duration.ofSeconds(20), angel.heartbeatTimeout(Duration.ofSeconds(5)));
        assertEquals(Duration.ofSeconds(30), angel.heartbeatTimeout(Duration.ofSeconds(30)));
        AngelBroker fastPing = broker(config(3, 3000, 500, Duration.ofSeconds(1)), Duration.ofMillis(500));
        assertEquals(Duration.ofSeconds(2), fastPing.heartbeatTimeout(Duration.ofSeconds(2)));
    }

    @Test
    void theAccountIsTheClientCode() {
        AngelBroker angel = broker(config(3, 3000, 500, Duration.ofSeconds(1)), Duration.ofSeconds(10));
        assertEquals("S100001", angel.accountKey());
        assertEquals("angel", angel.name());
    }

    private static AngelBroker broker(FeedConfig config, Duration ping) {
        AngelSettings settings = AngelSettings.of(
                "http://localhost:1",
                "ws://localhost:1/smart-stream",
                "http://localhost:1/master.json",
                "key",
                "S100001",
                ping);
        return new AngelBroker(settings, null, null, null, null, config);
    }

    /** Only the four settings the limits read; anything else would be a surprise. */
    private static FeedConfig config(int sockets, int perSocket, int perQuote, Duration spacing) {
        Map<String, Object> values = Map.of(
                "maxSockets",
                sockets,
                "maxInstrumentsPerSocket",
                perSocket,
                "restBatchSize",
                perQuote,
                "restMinSpacing",
                spacing);
        return (FeedConfig) Proxy.newProxyInstance(
                FeedConfig.class.getClassLoader(), new Class<?>[] {FeedConfig.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    if (v == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return v;
                });
    }
}
