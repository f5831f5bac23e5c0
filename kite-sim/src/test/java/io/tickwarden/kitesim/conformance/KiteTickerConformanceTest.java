package io.tickwarden.kitesim.conformance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zerodhatech.models.Depth;
import com.zerodhatech.models.Tick;
import com.zerodhatech.ticker.KiteTicker;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tickwarden.kite.KiteRoutes;
import io.tickwarden.kitesim.support.SimControl;
import io.tickwarden.kitesim.support.SimLogin;
import io.tickwarden.kitesim.support.TickerClient;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official {@code KiteTicker} against the sim's ticker: it connects, and it decodes ticks in all three modes,
 * index packets included, to exactly the prices the sim reports over REST, with the CDS and BCD divisors right.
 * The walk is paused so the only ticks are the ones the sim sends right after subscribe and mode.
 */
@QuarkusTest
class KiteTickerConformanceTest {

    private static final long INFY = 408065;
    private static final long NIFTY = 256265;
    private static final long SENSEX = 265;

    @TestHTTPResource("/")
    URL root;

    private KiteTicker ticker;
    private final Map<String, Tick> latest = new ConcurrentHashMap<>();

    @BeforeEach
    void pauseMarket() {
        // also no leftover sockets of other tests (3 per api_key) and the real clock (tick timestamps are checked)
        SimControl.cleanStart(0);
    }

    @AfterEach
    void cleanUp() {
        if (ticker != null) {
            ticker.setTryReconnection(false);
            ticker.disconnect();
        }
        given().contentType("application/json")
                .body("{\"ticks_per_second\": 1}")
                .post("/sim/rate");
        given().post("/sim/reset");
    }

    @Test
    void decodesAllThreeModesToTheRestPrices() throws Throwable {
        String accessToken = SimLogin.accessToken();
        long cds = firstToken("CDS");
        long bcd = firstToken("BCD");
        ArrayList<Long> tokens = new ArrayList<>(List.of(INFY, NIFTY, SENSEX, cds, bcd));
        connect(accessToken);

        for (String mode : List.of(KiteTicker.modeLTP, KiteTicker.modeQuote, KiteTicker.modeFull)) {
            latest.clear();
            if (mode.equals(KiteTicker.modeLTP)) {
                ticker.subscribe(tokens);
            }
            ticker.setMode(tokens, mode);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> tokens.stream().allMatch(t -> latest.containsKey(t + "/" + mode)));
            JsonPath rest = quotes(accessToken, tokens);
            for (Long token : tokens) {
                Tick tick = latest.get(token + "/" + mode);
                String key = "data.'" + token + "'";
                assertEquals(
                        rest.getDouble(key + ".last_price"),
                        tick.getLastTradedPrice(),
                        "ltp of " + token + " in " + mode);
                if (!mode.equals(KiteTicker.modeLTP)) {
                    assertEquals(rest.getDouble(key + ".ohlc.close"), tick.getClosePrice(), "close of " + token);
                    assertEquals(rest.getDouble(key + ".ohlc.open"), tick.getOpenPrice(), "open of " + token);
                    assertEquals(rest.getDouble(key + ".ohlc.high"), tick.getHighPrice(), "high of " + token);
                    assertEquals(rest.getDouble(key + ".ohlc.low"), tick.getLowPrice(), "low of " + token);
                }
            }
            if (mode.equals(KiteTicker.modeFull)) {
                Tick infy = latest.get(INFY + "/" + mode);
                String key = "data.'" + INFY + "'";
                assertEquals(rest.getLong(key + ".volume"), infy.getVolumeTradedToday());
                assertEquals(rest.getDouble(key + ".average_price"), infy.getAverageTradePrice());
                List<Depth> bids = infy.getMarketDepth().get("buy");
                assertEquals(
                        rest.getDouble(key + ".depth.buy[0].price"), bids.get(0).getPrice());
                assertEquals(
                        rest.getInt(key + ".depth.buy[0].quantity"), bids.get(0).getQuantity());
                assertEquals(
                        rest.getDouble(key + ".depth.sell[4].price"),
                        infy.getMarketDepth().get("sell").get(4).getPrice());
                assertNotNull(infy.getTickTimestamp(), "full mode carries the exchange timestamp");
                long epoch = infy.getTickTimestamp().toInstant().getEpochSecond();
                assertTrue(Math.abs(epoch - System.currentTimeMillis() / 1000) < 3600, "real epoch seconds: " + epoch);

                Tick nifty = latest.get(NIFTY + "/" + mode);
                assertFalse(nifty.isTradable(), "indices are not tradable");
                assertNotNull(nifty.getTickTimestamp(), "the 32-byte index packet carries a timestamp");
                double expectedChange =
                        (nifty.getLastTradedPrice() - nifty.getClosePrice()) * 100 / nifty.getClosePrice();
                assertEquals(expectedChange, nifty.getChange(), 1e-9);
            }
        }
    }

    @Test
    void handshakeIsRefusedWith403AfterExpiry() {
        int port = root.getPort();
        String accessToken = SimLogin.accessToken();
        try (TickerClient ok = TickerClient.connect(port, SimLogin.API_KEY, accessToken)) {
            // heartbeats come every 1 s
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.heartbeats() > 0);
        }
        given().post("/sim/tokens/expire").then().statusCode(200);
        assertEquals(403, TickerClient.handshakeStatus(port, SimLogin.API_KEY, accessToken));
        assertEquals(403, TickerClient.handshakeStatus(port, SimLogin.API_KEY, "made-up"));
    }

    private void connect(String accessToken) {
        String base = root.toString().replaceAll("/$", "");
        KiteRoutes.pointAt(base, base.replace("http", "ws"), base + "/connect/login");
        ticker = new KiteTicker(accessToken, SimLogin.API_KEY);
        ticker.setTryReconnection(false);
        ticker.setOnTickerArrivalListener(ticks -> {
            for (Tick t : ticks) {
                latest.put(t.getInstrumentToken() + "/" + t.getMode(), t);
            }
        });
        ticker.connect();
        await().atMost(Duration.ofSeconds(10)).until(ticker::isConnectionOpen);
    }

    private static long firstToken(String exchange) {
        String csv = given().get("/instruments/" + exchange)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return Long.parseLong(csv.lines().skip(1).findFirst().orElseThrow().split(",")[0]);
    }

    private static JsonPath quotes(String accessToken, List<Long> tokens) {
        given().post("/sim/reset");
        var request = given().header("Authorization", "token " + SimLogin.API_KEY + ":" + accessToken);
        for (Long t : tokens) {
            request = request.queryParam("i", String.valueOf(t));
        }
        return request.get("/quote").then().statusCode(200).extract().jsonPath();
    }
}
