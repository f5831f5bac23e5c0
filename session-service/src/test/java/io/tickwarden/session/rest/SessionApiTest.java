package io.tickwarden.session.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SessionApiTest {

    private static final String ADMIN = "Bearer demo-admin";

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @AfterEach
    void removeOverrides() {
        List<String> ids = given().get("/api/session/overrides")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        ids.forEach(id -> given().header("Authorization", ADMIN)
                .delete("/api/session/overrides/" + id)
                .then()
                .statusCode(204));
    }

    @Test
    void phaseAtAnInstantHasTheContractShape() {
        given().queryParam("time", "2026-01-16T09:03:00+05:30")
                .get("/api/session/at")
                .then()
                .statusCode(200)
                .body("exchange", is("NSE"))
                .body("segment", is("CM"))
                .body("phase", is("PRE_OPEN"))
                .body("title", notNullValue())
                .body("description", notNullValue())
                .body("is_trading_hours", is(true))
                .body("phase_started_at", is("2026-01-16T09:00:00+05:30"))
                .body("next_phase", is("AUCTION_FREEZE"))
                .body("next_change_at", is("2026-01-16T09:08:00+05:30"))
                .body("seconds_to_next_phase", is(300))
                .body("trading_day", is("2026-01-16"))
                .body("reason", nullValue())
                .body("random_close_from", is("2026-01-16T09:07:00+05:30"))
                .body("random_close_to", is("2026-01-16T09:08:00+05:30"))
                .body("market_timezone", is("Asia/Kolkata"))
                .body("server_timezone", notNullValue())
                .body("clock_simulated", is(false));
        // An instant in UTC and an unencoded '+' (arrives as a space) mean the same thing.
        given().queryParam("time", "2026-01-15T04:30:00Z")
                .queryParam("exchange", "mcx")
                .get("/api/session/at")
                .then()
                .statusCode(200)
                .body("segment", is("COM"))
                .body("phase", is("CLOSED"))
                .body("reason", containsString("HOLIDAY: Maharashtra municipal elections"));
        given().urlEncodingEnabled(false)
                .get("/api/session/at?time=2026-01-16T12:00:00+05:30&segment=FO")
                .then()
                .statusCode(200)
                .body("phase", is("LIVE"));
    }

    @Test
    void currentSessionAnswersForEverySegment() {
        given().get("/api/session")
                .then()
                .statusCode(200)
                .body("exchange", is("NSE"))
                .body("segment", is("CM"))
                .body("phase", notNullValue());
        given().get("/api/session/all").then().statusCode(200).body("$", hasSize(6));
    }

    @Test
    void badInputGetsClearErrors() {
        given().queryParam("exchange", "NYSE")
                .get("/api/session")
                .then()
                .statusCode(400)
                .body("error", is("unknown_market"))
                .body("message", containsString("NSE (CM, FO, CDS)"))
                .body("message", containsString("MCX (COM)"));
        given().queryParam("exchange", "BSE")
                .queryParam("segment", "CDS")
                .get("/api/session")
                .then()
                .statusCode(400)
                .body("error", is("unknown_market"))
                .body("message", containsString("CM, FO"));
        given().queryParam("time", "16/01/2026 09:15")
                .get("/api/session/at")
                .then()
                .statusCode(400)
                .body("error", is("invalid_time"))
                .body("message", containsString("2026-01-16T09:15:00+05:30"));
        given().get("/api/session/at").then().statusCode(400).body("error", is("invalid_time"));
        given().queryParam("year", "twenty")
                .get("/api/session/calendar")
                .then()
                .statusCode(400)
                .body("error", is("invalid_year"));
        given().get("/api/session/nothing-here").then().statusCode(404);
    }

    @Test
    void calendarListsSourcedHolidaysAndHonestSpecialSessions() {
        given().queryParam("exchange", "NSE")
                .queryParam("year", "2026")
                .get("/api/session/calendar")
                .then()
                .statusCode(200)
                .body("calendar_published", is(true))
                .body("holidays.date", hasItem("2026-01-15"))
                .body("holidays.find { it.date == '2026-01-15' }.source", containsString("NSE/CMTR/72260"))
                .body("special_sessions.find { it.date == '2026-02-01' }.timing", is("regular"))
                .body("special_sessions.find { it.date == '2026-11-08' }.timings_published", is(false))
                .body("timing_rules.effective_from", hasItem("2026-09-07"));
        given().queryParam("exchange", "MCX")
                .queryParam("year", "2025")
                .get("/api/session/calendar")
                .then()
                .statusCode(200)
                .body("partial_sessions.find { it.date == '2025-01-01' }.sessions.morning", is(true))
                .body("partial_sessions.find { it.date == '2025-01-01' }.sessions.evening", is(false));
        given().queryParam("exchange", "NSE")
                .queryParam("year", "2027")
                .get("/api/session/calendar")
                .then()
                .statusCode(200)
                .body("calendar_published", is(false))
                .body("holidays", empty());
    }

    @Test
    void overridesNeedTheAdminKeyInEitherHeaderForm() {
        String body = "{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"x\"}";
        assertOneShape(
                given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/session/overrides")
                        .then()
                        .statusCode(401)
                        .header("WWW-Authenticate", "Bearer"),
                "unauthorized");
        assertOneShape(
                given().header("Authorization", "Bearer wrong")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/session/overrides")
                        .then()
                        .statusCode(401),
                "unauthorized");
        assertOneShape(
                given().header("X-Admin-Key", "demo-admin-")
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/session/overrides")
                        .then()
                        .statusCode(401),
                "unauthorized");
        given().get("/api/session/overrides").then().statusCode(200).body("$", empty());

        String id = given().header("X-Admin-Key", "demo-admin")
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/session/overrides")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().header("Authorization", "bearer demo-admin")
                .delete("/api/session/overrides/" + id)
                .then()
                .statusCode(204);
    }

    @Test
    void everyErrorHasTheOneShape() {
        assertOneShape(given().get("/api/session/nothing-here").then().statusCode(404), "not_found");
        assertOneShape(
                given().header("Authorization", ADMIN)
                        .delete("/api/session/overrides/no-such-id")
                        .then()
                        .statusCode(404),
                "not_found");
        assertOneShape(given().put("/api/session/overrides").then().statusCode(405), "method_not_allowed");
        assertOneShape(
                given().header("Authorization", ADMIN)
                        .contentType(ContentType.JSON)
                        .body("{not json")
                        .post("/api/session/overrides")
                        .then()
                        .statusCode(400),
                "invalid_json");
        assertOneShape(
                given().queryParam("exchange", "NYSE")
                        .get("/api/session")
                        .then()
                        .statusCode(400),
                "unknown_market");
        // a bug: 500 with the cause in the log only (FailingResource is a test-only endpoint)
        assertOneShape(
                given().get("/test/failing")
                        .then()
                        .statusCode(500)
                        .body(org.hamcrest.Matchers.not(containsString("secret-ish"))),
                "internal_error");
    }

    /** http-edge's body: exactly {"error": code, "message": a sentence}. */
    private static void assertOneShape(ValidatableResponse response, String code) {
        Map<String, Object> body =
                response.contentType(ContentType.JSON).extract().jsonPath().getMap("$");
        assertEquals(Set.of("error", "message"), body.keySet(), body.toString());
        assertEquals(code, body.get("error"), body.toString());
        assertTrue(
                !body.get("message").toString().isBlank()
                        && !body.get("message").toString().contains("\tat "),
                body.toString());
    }

    @Test
    void badOverridesChangeNothing() {
        // The session at one instant (this service runs on the real clock: comparing with the session "now" after
        // the posts would fail whenever the test ran across a phase change).
        io.restassured.path.json.JsonPath before =
                given().get("/api/session").then().statusCode(200).extract().jsonPath();
        String instant = before.getString("as_of");
        for (String bad : List.of(
                "not json",
                "{\"type\":\"NAP\",\"exchange\":\"NSE\",\"reason\":\"x\"}",
                "{\"type\":\"CLOSURE\",\"exchange\":\"NYSE\",\"reason\":\"x\"}",
                "{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"segments\":[\"XX\"],\"reason\":\"x\"}",
                "{\"type\":\"CLOSURE\",\"exchange\":\"NSE\"}",
                "{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"x\",\"date\":\"2020-01-01\"}",
                "{\"type\":\"HALT\",\"exchange\":\"NSE\",\"reason\":\"x\",\"from\":\"25:99\"}",
                "{\"type\":\"HALT\",\"exchange\":\"NSE\",\"reason\":\"x\",\"from\":\"11:00\",\"resume_at\":\"10:00\"}",
                "{\"type\":\"EXTEND\",\"exchange\":\"NSE\",\"reason\":\"x\"}",
                "{\"type\":\"SPECIAL_SESSION\",\"exchange\":\"NSE\",\"reason\":\"x\",\"windows\":\"LIVE 19:00-18:00\"}",
                "{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"x\",\"typo\":1}")) {
            given().header("Authorization", ADMIN)
                    .contentType(ContentType.JSON)
                    .body(bad)
                    .post("/api/session/overrides")
                    .then()
                    .statusCode(400)
                    .body("error", notNullValue())
                    .body("message", notNullValue());
        }
        given().get("/api/session/overrides").then().statusCode(200).body("$", empty());
        given().queryParam("time", instant)
                .get("/api/session/at")
                .then()
                .statusCode(200)
                .body("phase", equalTo(before.getString("phase")))
                .body("reason", equalTo(before.getString("reason")));
        given().get("/api/session").then().body("reason", not_override());
        assertTrue(redis.command("HLEN", "session:overrides").contains("0"));
    }

    private static org.hamcrest.Matcher<Object> not_override() {
        return org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasToString(containsString("OVERRIDE")));
    }

    @Test
    void adHocClosureTakesEffectAtOnceAndIsPublished() {
        String id = given().header("Authorization", ADMIN)
                .contentType(ContentType.JSON)
                .body("{\"type\":\"CLOSURE\",\"exchange\":\"NSE\",\"reason\":\"Exchange systems outage\"}")
                .post("/api/session/overrides")
                .then()
                .statusCode(201)
                .body("reason", is("OVERRIDE: Exchange systems outage"))
                .body("segments", hasItem("FO"))
                .extract()
                .path("id");
        for (String segment : List.of("CM", "FO", "CDS")) {
            given().queryParam("segment", segment)
                    .get("/api/session")
                    .then()
                    .statusCode(200)
                    .body("phase", is("CLOSED"))
                    .body("reason", is("OVERRIDE: Exchange systems outage"));
        }
        given().queryParam("exchange", "BSE").get("/api/session").then().body("reason", not_override());
        given().get("/api/session/overrides").then().body("id", hasItem(id));
        assertTrue(redis.command("HGET", "session:overrides", id).contains("Exchange systems outage"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertTrue(
                        redis.command("GET", "market:session:NSE").contains("OVERRIDE: Exchange systems outage")));

        given().header("Authorization", ADMIN)
                .delete("/api/session/overrides/" + id)
                .then()
                .statusCode(204);
        given().get("/api/session").then().body("reason", not_override());
        given().header("Authorization", ADMIN)
                .delete("/api/session/overrides/" + id)
                .then()
                .statusCode(404);
    }
}
