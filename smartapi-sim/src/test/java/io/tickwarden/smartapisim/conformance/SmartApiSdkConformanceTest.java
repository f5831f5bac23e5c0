package io.tickwarden.smartapisim.conformance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.smartapisim.support.Angel;
import io.tickwarden.smartapisim.support.MasterTokens;
import io.tickwarden.smartapisim.support.SimControl;
import io.tickwarden.testing.NodeSdk;
import java.net.URL;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Angel's own client is the judge: the official JavaScript SDK, npm {@code smartapi-javascript} 1.0.27, logs in
 * with a TOTP it computes, reads the profile and a FULL quote, and decodes WebSocket 2.0 ticks in modes 1, 2 and 3
 * (NSE cash, an index, NFO, cde_fo). The market is frozen ({@code /sim/rate} 0), so every tick the SDK decodes must
 * equal what the sim's quote endpoint answers for the same instant, field by field. The SDK reads the LTP of an LTP
 * packet as an int32 at offset 43, which agrees while prices stay under 2^31 paise (the market model caps them).
 *
 * <p>Needs Debian's {@code nodejs} and {@code npm} ({@code .ci/run} installs them); skipped, loudly, without. The
 * first run installs the SDK with {@code npm ci} into {@code target/sdk-node}: about 35 s on our 2-core machines
 * with a warm npm cache; later runs reuse it while the lock file is unchanged.
 */
@QuarkusTest
class SmartApiSdkConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter FEED_TIME =
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);

    @TestHTTPResource
    URL url;

    @BeforeAll
    static void installSdk() throws Exception {
        boolean node = NodeSdk.available("node");
        boolean npm = NodeSdk.available("npm");
        if (!node || !npm) {
            System.err.println(
                    "\n*** SmartApiSdkConformanceTest SKIPPED: " + (node ? "" : "node ") + (npm ? "" : "npm ")
                            + "not found. Install Debian's nodejs and npm (apt-get install nodejs npm) to run Angel's official "
                            + "JavaScript SDK against smartapi-sim. ***\n");
        }
        assumeTrue(node && npm, "skipped: install Debian's nodejs and npm to run smartapi-javascript 1.0.27");
        NodeSdk.install(java.nio.file.Path.of("src/test/node/sdk-check.js"));
    }

    @AfterEach
    void restore() {
        given().post("/sim/reset");
        SimControl.rate(1);
    }

    @Test
    void theOfficialSdkLogsInQuotesAndDecodesTicksEqualToTheSimsQuotes() throws Exception {
        SimControl.cleanStart(0);
        String option = MasterTokens.niftyOption();
        String usdInr = MasterTokens.usdInr();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", "http://localhost:" + url.getPort());
        config.put("wsUrl", "ws://localhost:" + url.getPort() + "/smart-stream");
        config.put("apiKey", Angel.API_KEY);
        config.put("clientCode", Angel.CLIENT_CODE);
        config.put("pin", Angel.PIN);
        config.put("totpSecret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        config.put("quoteTokens", Map.of("NSE", List.of("3045", "2885")));
        config.put(
                "subscriptions",
                List.of(
                        Map.of("mode", 1, "exchangeType", 1, "tokens", List.of("3045", "99926000")),
                        Map.of("mode", 1, "exchangeType", 13, "tokens", List.of(usdInr)),
                        Map.of("mode", 2, "exchangeType", 1, "tokens", List.of("2885")),
                        Map.of("mode", 3, "exchangeType", 1, "tokens", List.of("3045")),
                        Map.of("mode", 3, "exchangeType", 2, "tokens", List.of(option))));

        NodeSdk.Run run = NodeSdk.node("sdk-check.js", JSON.writeValueAsString(config), 120);
        String line = run.stdout()
                .lines()
                .filter(l -> l.startsWith("RESULT "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "the SDK script failed (" + run.exitCode() + "):\n" + run.stdout() + "\n" + run.stderr()));
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode sdk = JSON.readTree(line.substring("RESULT ".length()));

        assertTrue(sdk.at("/login/status").asBoolean(), sdk.get("login").toString());
        assertEquals("S100001", sdk.at("/profile/clientcode").asText());

        // The sim's own answers for the same frozen instant.
        String jwt = Angel.login().jwt();
        Map<String, List<String>> all = new LinkedHashMap<>();
        all.put("NSE", List.of("3045", "2885", "99926000"));
        all.put("NFO", List.of(option));
        all.put("CDS", List.of(usdInr));
        JsonNode quotes =
                JSON.readTree(Angel.quote(jwt, "FULL", all).asString()).at("/data/fetched");
        assertEquals(5, quotes.size());
        Map<String, JsonNode> byToken = new LinkedHashMap<>();
        quotes.forEach(q -> byToken.put(q.get("symbolToken").asText(), q));

        // The SDK's REST quote agrees with ours.
        JsonNode sdkQuote = sdk.at("/quote/data/fetched");
        assertEquals(2, sdkQuote.size(), sdk.get("quote").toString());
        for (JsonNode q : sdkQuote) {
            assertSameJson(
                    byToken.get(q.get("symbolToken").asText()),
                    q,
                    q.get("symbolToken").asText());
        }

        JsonNode ticks = sdk.get("ticks");
        assertEquals(6, ticks.size(), ticks.toString());
        checkTick(ticks.get("1:3045"), byToken.get("3045"), 1, 100);
        checkTick(ticks.get("1:99926000"), byToken.get("99926000"), 1, 100);
        checkTick(ticks.get("1:" + usdInr), byToken.get(usdInr), 1, 10_000_000);
        checkTick(ticks.get("2:2885"), byToken.get("2885"), 2, 100);
        checkTick(ticks.get("3:3045"), byToken.get("3045"), 3, 100);
        checkTick(ticks.get("3:" + option), byToken.get(option), 3, 100);
    }

    /** Every field the SDK decoded against the quote, in wire units ({@code divisor} per rupee). */
    private static void checkTick(JsonNode tick, JsonNode quote, int mode, long divisor) {
        String where = "mode " + mode + " " + quote.get("tradingSymbol").asText() + ": " + tick;
        assertEquals(String.valueOf(mode), tick.get("subscription_mode").asText(), where);
        assertEquals(
                "\"" + quote.get("symbolToken").asText() + "\"",
                tick.get("token").asText(),
                where);
        assertEquals(units(quote, "ltp", divisor), tick.get("last_traded_price").asLong(), where);
        long feedSeconds = LocalDateTime.parse(quote.get("exchFeedTime").asText(), FEED_TIME)
                .atZone(ZoneId.of("Asia/Kolkata"))
                .toEpochSecond();
        assertEquals(feedSeconds * 1000, tick.get("exchange_timestamp").asLong(), where);
        if (mode == 1) {
            return;
        }
        assertEquals(
                quote.get("lastTradeQty").asLong(),
                tick.get("last_traded_quantity").asLong(),
                where);
        assertEquals(
                units(quote, "avgPrice", divisor), tick.get("avg_traded_price").asLong(), where);
        assertEquals(quote.get("tradeVolume").asLong(), tick.get("vol_traded").asLong(), where);
        assertEquals(
                quote.get("totBuyQuan").asDouble(),
                tick.get("total_buy_quantity").asDouble(),
                where);
        assertEquals(
                quote.get("totSellQuan").asDouble(),
                tick.get("total_sell_quantity").asDouble(),
                where);
        assertEquals(units(quote, "open", divisor), tick.get("open_price_day").asLong(), where);
        assertEquals(units(quote, "high", divisor), tick.get("high_price_day").asLong(), where);
        assertEquals(units(quote, "low", divisor), tick.get("low_price_day").asLong(), where);
        assertEquals(units(quote, "close", divisor), tick.get("close_price").asLong(), where);
        if (mode == 2) {
            return;
        }
        assertEquals(
                quote.get("opnInterest").asLong(), tick.get("open_interest").asLong(), where);
        for (String side : List.of("buy", "sell")) {
            JsonNode levels = tick.get("best_5_" + side + "_data");
            assertEquals(5, levels.size(), where);
            for (int i = 0; i < 5; i++) {
                JsonNode want = quote.at("/depth/" + side + "/" + i);
                assertEquals(
                        side.equals("buy") ? 1 : 0, levels.get(i).get("flag").asInt(), where);
                assertEquals(
                        units(want, "price", divisor),
                        levels.get(i).get("price").asLong(),
                        where);
                assertEquals(
                        want.get("quantity").asLong(),
                        levels.get(i).get("quantity").asLong(),
                        where);
                assertEquals(
                        want.get("orders").asLong(),
                        levels.get(i).get("no_of_orders").asLong(),
                        where);
            }
        }
        assertEquals(
                units(quote, "upperCircuit", divisor), tick.get("upper_circuit").asLong(), where);
        assertEquals(
                units(quote, "lowerCircuit", divisor), tick.get("lower_circuit").asLong(), where);
        assertEquals(
                units(quote, "52WeekHigh", divisor),
                tick.get("fiftytwo_week_high").asLong(),
                where);
        assertEquals(
                units(quote, "52WeekLow", divisor),
                tick.get("fiftytwo_week_low").asLong(),
                where);
    }

    /** Equal JSON where numbers compare by value: JavaScript writes 898.0 as 898. */
    private static void assertSameJson(JsonNode want, JsonNode got, String path) {
        if (want.isNumber() && got.isNumber()) {
            assertEquals(0, want.decimalValue().compareTo(got.decimalValue()), path + ": " + want + " vs " + got);
        } else if (want.isContainerNode()) {
            assertEquals(want.size(), got.size(), path);
            if (want.isArray()) {
                for (int i = 0; i < want.size(); i++) {
                    assertSameJson(want.get(i), got.get(i), path + "[" + i + "]");
                }
            } else {
                want.fieldNames().forEachRemaining(f -> assertTrue(got.has(f), path + "." + f));
                want.fieldNames().forEachRemaining(f -> assertSameJson(want.get(f), got.get(f), path + "." + f));
            }
        } else {
            assertEquals(want, got, path);
        }
    }

    private static long units(JsonNode node, String field, long divisor) {
        return new java.math.BigDecimal(node.get(field).asText())
                .multiply(java.math.BigDecimal.valueOf(divisor))
                .longValueExact();
    }
}
