package io.tickwarden.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/candles} over the 1-minute candles the feed writes to Redis, with real Redis. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class CandlesTest {

    private static final String KEY = "feed:candles:NSE:INFY:2026-11-23";

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @AfterEach
    void clear() {
        redis.command("DEL", KEY, "feed:instruments");
    }

    /** A 1-minute candle as feed-service's CandleService writes it: field HH:mm, start the full IST time. */
    private void minute(String hhmm, double o, double h, double l, double c, long volume, int ticks) {
        redis.command("HSET", KEY, hhmm, """
                {"start":"2026-11-23T%s:00+05:30","open":%s,"high":%s,"low":%s,"close":%s,"volume":%d,"ticks":%d}""".formatted(hhmm, o, h, l, c, volume, ticks));
    }

    @Test
    void oneAndFiveMinuteCandlesOfADay() {
        minute("09:15", 100, 101, 99, 100.5, 10, 1);
        minute("09:16", 100.5, 105, 100, 104, 20, 2);
        minute("09:20", 102, 102, 98, 99, 5, 1);
        redis.command("HSET", KEY, "not-a-minute", "{}");
        given().get("/api/candles?symbol=NSE:INFY&interval=1m&from=2026-11-23&to=2026-11-23")
                .then()
                .statusCode(200)
                .body("symbol", is("NSE:INFY"))
                .body("interval", is("1m"))
                .body("from", is("2026-11-23T00:00:00+05:30"))
                .body("to", is("2026-11-24T00:00:00+05:30"))
                .body("candles", hasSize(3))
                .body("candles[1].start", is("2026-11-23T09:16:00+05:30"))
                .body("candles[1].high", is(105.0f));
        given().get("/api/candles?symbol=NSE:INFY&interval=5m&from=2026-11-23T09:15&to=2026-11-23T09:30")
                .then()
                .statusCode(200)
                .body("candles", hasSize(2))
                .body("candles[0].start", is("2026-11-23T09:15:00+05:30"))
                .body("candles[0].open", is(100.0f))
                .body("candles[0].high", is(105.0f))
                .body("candles[0].low", is(99.0f))
                .body("candles[0].close", is(104.0f))
                .body("candles[0].volume", is(30))
                .body("candles[0].minutes", is(2))
                .body("candles[1].close", is(99.0f));
        // The range is [from, to): a 5m candle starting at 09:20 is outside to=09:20.
        given().get("/api/candles?symbol=NSE:INFY&interval=5m&from=2026-11-23T09:15&to=2026-11-23T09:20")
                .then()
                .statusCode(200)
                .body("candles", hasSize(1));
    }

    @Test
    void noCandlesIsAnEmptyListNotAnError() {
        given().get("/api/candles?symbol=NSE:TCS&interval=15m&from=2026-11-23&to=2026-11-23")
                .then()
                .statusCode(200)
                .body("candles", hasSize(0));
    }

    @Test
    void clearErrorsForBadSymbolsIntervalsAndRanges() {
        given().get("/api/candles")
                .then()
                .statusCode(400)
                .body("error", is("bad_request"))
                .body("message", containsString("symbol is required"));
        given().get("/api/candles?symbol=INFY")
                .then()
                .statusCode(400)
                .body("error", is("invalid_symbol"))
                .body("message", containsString("EXCHANGE:TRADINGSYMBOL"));
        given().get("/api/candles?symbol=NSE:INFY&interval=3m")
                .then()
                .statusCode(400)
                .body("message", containsString("interval must be one of 1m, 5m, 15m"));
        given().get("/api/candles?symbol=NSE:INFY&from=2026-11-23T10:00&to=2026-11-23T09:00")
                .then()
                .statusCode(400)
                .body("message", containsString("from must be before to"));
        given().get("/api/candles?symbol=NSE:INFY&from=2026-11-01&to=2026-11-23")
                .then()
                .statusCode(400)
                .body("message", containsString("36 hours"));
    }

    @Test
    void everyRestErrorHasTheOneShape() {
        assertOneShape(given().get("/api/candles").then().statusCode(400), "bad_request");
        assertOneShape(given().get("/api/nothing-here").then().statusCode(404), "not_found");
        assertOneShape(given().delete("/api/candles").then().statusCode(405), "method_not_allowed");
        // the 404 mapper must not hide the dashboard's static files
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
    }

    /** http-edge's body: exactly {"error": code, "message": a sentence}. */
    private static void assertOneShape(ValidatableResponse response, String code) {
        Map<String, Object> body =
                response.contentType(ContentType.JSON).extract().jsonPath().getMap("$");
        assertEquals(Set.of("error", "message"), body.keySet(), body.toString());
        assertEquals(code, body.get("error"), body.toString());
        assertFalse(body.get("message").toString().isBlank(), body.toString());
    }

    @Test
    void aSymbolNotInTodaysListIsNotFound() {
        redis.command("HSET", "feed:instruments", "NSE:INFY", "408065");
        // The gateway re-reads the list every 500 ms in tests.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> given().get("/api/candles?symbol=NSE:NOSUCH&from=2026-11-23&to=2026-11-23")
                        .then()
                        .statusCode(404)
                        .body("error", is("unknown_symbol"))
                        .body("message", containsString("not in today's instrument list")));
        given().get("/api/candles?symbol=NSE:INFY&from=2026-11-23&to=2026-11-23")
                .then()
                .statusCode(200);
    }
}
