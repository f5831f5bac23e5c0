package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Tick;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The quote endpoint's answers: FULL quotes as ticks, and refusals in our terms. */
class AngelQuotesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fullQuotesBecomeTicksUnderTheSymbolsAskedBy() throws Exception {
        JsonNode envelope = JSON.readTree("""
                {"status":true,"message":"SUCCESS","errorcode":"","data":{"fetched":[
                 {"exchange":"NSE","tradingSymbol":"SBIN-EQ","symbolToken":"3045","ltp":812.34,"open":805.0,
                  "high":815.0,"low":801.0,"close":800.0,"lastTradeQty":25,"exchFeedTime":"02-Dec-2026 13:41:50",
                  "exchTradeTime":"02-Dec-2026 13:41:49","netChange":12.34,"percentChange":1.54,"avgPrice":809.5,
                  "tradeVolume":1234567,"opnInterest":0,"lowerCircuit":731.1,"upperCircuit":893.55,
                  "totBuyQuan":45000,"totSellQuan":52500,"52WeekLow":555.65,"52WeekHigh":912.0,
                  "depth":{"buy":[{"price":812.3,"quantity":100,"orders":1}],"sell":[{"price":812.35,"quantity":200,"orders":2}]}},
                 {"exchange":"NSE","tradingSymbol":"Nifty 50","symbolToken":"99926000","ltp":24350.5,"close":0},
                 {"exchange":"NSE","tradingSymbol":"TCS-EQ","symbolToken":"11536","ltp":1.0}],
                 "unfetched":[]}}""");
        Map<Long, String> asked = Map.of(1_000_000_003_045L, "NSE:SBIN", 1_000_099_926_000L, "NSE:NIFTY 50");
        List<BrokerQuote> quotes =
                AngelQuotes.toTicks(envelope.path("data").path("fetched"), asked, Set.of(1_000_099_926_000L)::contains);
        assertEquals(2, quotes.size(), "a token nobody asked for is dropped");
        assertEquals("NSE:SBIN", quotes.get(0).symbol());
        assertEquals(
                new Tick(
                        1_000_000_003_045L,
                        "full",
                        true,
                        812.34,
                        25.0,
                        809.5,
                        1_234_567L,
                        45_000.0,
                        52_500.0,
                        805.0,
                        815.0,
                        801.0,
                        800.0,
                        (812.34 - 800.0) * 100 / 800.0,
                        OffsetDateTime.parse("2026-12-02T13:41:49+05:30").toInstant(),
                        0.0,
                        null,
                        null,
                        OffsetDateTime.parse("2026-12-02T13:41:50+05:30").toInstant(),
                        List.of(new DepthLevel(100, 812.3, 1)),
                        List.of(new DepthLevel(200, 812.35, 2))),
                quotes.get(0).tick());
        Tick index = quotes.get(1).tick();
        assertEquals("NSE:NIFTY 50", quotes.get(1).symbol());
        assertFalse(index.tradable());
        assertNull(index.change(), "no change against a zero close");
        assertNull(index.bids());
    }

    @Test
    void angelTimesAreIst() {
        assertEquals(
                OffsetDateTime.parse("2023-12-21T13:41:50+05:30").toInstant(),
                AngelQuotes.time("21-Dec-2023 13:41:50"));
        assertNull(AngelQuotes.time("2023-12-21 13:41:50"));
        assertNull(AngelQuotes.time(null));
    }

    @Test
    void refusalsInOurTerms() throws Exception {
        BrokerCallException ag8001 = AngelRest.refusal(
                200,
                JSON.readTree(
                        "{\"status\":false,\"message\":\"Invalid Token\",\"errorcode\":\"AG8001\",\"data\":null}"),
                "");
        assertEquals(true, ag8001.tokenRejected());
        assertEquals(401, ag8001.code());
        assertEquals(true, AngelRest.refusal(401, null, "").tokenRejected());
        assertEquals(true, AngelRest.refusal(403, null, "").tokenRejected());
        BrokerCallException rate =
                AngelRest.refusal(403, null, "{\"message\":\"Access denied because of exceeding access rate\"}");
        assertEquals(false, rate.tokenRejected());
        assertEquals(429, rate.code());
        assertEquals(false, AngelRest.refusal(429, null, "").tokenRejected());
        assertEquals(429, AngelRest.refusal(429, null, "").code());
        BrokerCallException other = AngelRest.refusal(
                200,
                JSON.readTree("{\"status\":false,\"message\":\"Something went wrong\",\"errorcode\":\"AB1004\"}"),
                "");
        assertEquals(false, other.tokenRejected());
        assertEquals("quote failed (HTTP 200, AB1004: Something went wrong)", other.getMessage());
        assertEquals(false, AngelRest.refusal(500, null, "oops").tokenRejected());
        assertNull(AngelRest.refusal(200, JSON.readTree("{\"status\":true,\"data\":{}}"), ""));
    }
}
