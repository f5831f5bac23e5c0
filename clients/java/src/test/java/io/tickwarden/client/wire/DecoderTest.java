package io.tickwarden.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecoderTest {

    private final Decoder decoder = new Decoder();

    @Test
    void aSingleTickIsTypedAndLive() {
        Inbound.Ticks t = assertInstanceOf(
                Inbound.Ticks.class,
                decoder.decode("{\"type\":\"tick\",\"symbol\":\"NSE:INFY\","
                        + "\"instrument_token\":408065,\"exchange\":\"NSE\",\"seq\":3000000042,\"last_price\":1573.7,"
                        + "\"mode\":\"quote\",\"volume\":1200,\"ohlc\":{\"open\":1,\"high\":2,\"low\":0.5,\"close\":1.5},"
                        + "\"some_future_field\":true}"));
        assertFalse(t.recovered());
        FeedTick tick = t.ticks().get(0);
        assertEquals("NSE:INFY", tick.symbol());
        assertEquals(3_000_000_042L, tick.seq());
        assertEquals(1573.7, tick.last_price());
        assertEquals(1200L, tick.volume());
        assertEquals(1.5, tick.ohlc().close());
        assertNull(tick.depth());
    }

    @Test
    void aRecoveredBatchKeepsItsOrderAndFlag() {
        Inbound.Ticks t = assertInstanceOf(
                Inbound.Ticks.class,
                decoder.decode("{\"type\":\"ticks\",\"recovered\":true,"
                        + "\"ticks\":[{\"symbol\":\"NSE:INFY\",\"seq\":5000000124,\"last_price\":1},"
                        + "{\"symbol\":\"NSE:INFY\",\"seq\":5000000125,\"last_price\":2}]}"));
        assertTrue(t.recovered());
        assertEquals(
                List.of(5_000_000_124L, 5_000_000_125L),
                t.ticks().stream().map(FeedTick::seq).toList());
    }

    @Test
    void snapshotStatusAndError() {
        Inbound.SnapshotMessage s = assertInstanceOf(
                Inbound.SnapshotMessage.class,
                decoder.decode(
                        "{\"type\":\"snapshot\",\"mode\":\"ltp\",\"quotes\":[{\"symbol\":\"NSE:TCS\",\"seq\":7,\"last_price\":3}],"
                                + "\"missing\":[\"NSE:XYZ\"]}"));
        assertEquals("NSE:TCS", s.snapshot().quotes().get(0).symbol());
        assertEquals(List.of("NSE:XYZ"), s.snapshot().missing());
        Inbound.Status st = assertInstanceOf(
                Inbound.Status.class,
                decoder.decode("{\"type\":\"connection_status\","
                        + "\"mode\":\"WEBSOCKET\",\"quality\":\"GOOD\",\"market_status\":\"LIVE\",\"auth_required\":false,"
                        + "\"priority_status\":\"MARKET_SESSION\",\"segments\":[{\"segment\":\"NSE:CM\",\"phase\":\"LIVE\","
                        + "\"open\":true}]}"));
        assertEquals("MARKET_SESSION", st.status().priority_status());
        assertEquals("NSE:CM", st.status().segments().get(0).segment());
        Inbound.Error e = assertInstanceOf(
                Inbound.Error.class,
                decoder.decode("{\"type\":\"error\",\"code\":\"unknown_mode\",\"message\":\"unknown mode 'turbo'\"}"));
        assertEquals("unknown_mode", e.error().code());
    }

    @Test
    void subscribedWithRecoveryResults() {
        GatewayMessages.Subscribed s = assertInstanceOf(
                        Inbound.Subscribed.class,
                        decoder.decode(
                                "{\"type\":\"subscribed\",\"mode\":\"quote\",\"symbols\":[\"NSE:INFY\",\"NSE:TCS\"],\"rejected\":[],"
                                        + "\"total_subscriptions\":2,\"recovered\":false,\"recovery\":["
                                        + "{\"symbol\":\"NSE:INFY\",\"recovered\":true,\"replayed\":12},"
                                        + "{\"symbol\":\"NSE:TCS\",\"recovered\":false,\"reason\":\"TOO_OLD\",\"message\":\"gone\"}]}"))
                .subscribed();
        assertEquals(Boolean.FALSE, s.recovered());
        assertEquals(
                new GatewayMessages.Recovery("NSE:INFY", true, 12, null, null),
                s.recovery().get(0));
        assertEquals("TOO_OLD", s.recovery().get(1).reason());
        GatewayMessages.Subscribed plain = assertInstanceOf(
                        Inbound.Subscribed.class,
                        decoder.decode(
                                "{\"type\":\"subscribed\",\"mode\":\"ltp\",\"symbols\":[\"NSE:INFY\"],\"rejected\":[{\"symbol\":"
                                        + "\"NSE:NOPE\",\"reason\":\"unknown_symbol\",\"message\":\"m\"}],\"total_subscriptions\":1}"))
                .subscribed();
        assertNull(plain.recovery());
        assertEquals("unknown_symbol", plain.rejected().get(0).reason());
    }

    @Test
    void otherTypesAreIgnoredAndGarbageIsRefused() {
        assertEquals(new Inbound.Other("heartbeat"), decoder.decode("{\"type\":\"heartbeat\",\"connections\":3}"));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode("not json"));
        assertThrows(IllegalArgumentException.class, () -> decoder.decode("[1,2]"));
    }
}
