package io.tickwarden.kitesim.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.kitesim.support.SimLogin;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kite's REST shapes, limits and errors, byte for byte where a client depends on them. */
@QuarkusTest
class KiteRestTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

    @BeforeEach
    void reset() {
        given().post("/sim/reset").then().statusCode(200);
        // the sim's clock is shared by every test class: start from real time whatever ran before
        given().contentType("application/json")
                .body("{\"offset_seconds\":0}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
    }

    @AfterEach
    void restoreClock() {
        given().contentType("application/json")
                .body("{\"offset_seconds\":0}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
    }

    @Test
    void loginRedirectCarriesRequestTokenStatusAndRedirectParams() {
        given().redirects()
                .follow(false)
                .queryParam("v", "3")
                .queryParam("api_key", SimLogin.API_KEY)
                .queryParam("redirect_params", "state=abc 123&next=/x")
                .get("/connect/login")
                .then()
                .statusCode(302)
                .header("Location", startsWith("http://localhost:8082/api/auth/callback?request_token="))
                .header("Location", containsString("&action=login"))
                .header("Location", containsString("&status=success"))
                .header("Location", containsString("&state=abc+123&next=%2Fx"));
        given().redirects()
                .follow(false)
                .queryParam("api_key", "someone_else")
                .get("/connect/login")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error_type", equalTo("InputException"));
    }

    @Test
    void sessionTokenAnswersWithEverythingTheJavaClientNeeds() {
        String requestToken = SimLogin.requestToken();
        given().formParam("api_key", SimLogin.API_KEY)
                .formParam("request_token", requestToken)
                .formParam("checksum", SimLogin.checksum(requestToken))
                .header("Authorization", "token sim_api_key:null")
                .post("/session/token")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo("success"))
                .body("data", hasKey("products"))
                .body("data", hasKey("exchanges"))
                .body("data", hasKey("order_types"))
                .body(
                        "data.login_time",
                        org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .body("data.user_id", equalTo("ZS1234"));
        given().formParam("api_key", SimLogin.API_KEY)
                .post("/session/token")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error_type", equalTo("InputException"));
    }

    @Test
    void errorsAreKiteJsonEverywhere() {
        given().get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType("application/json")
                .body("status", equalTo("error"))
                .body("data", nullValue())
                .body("error_type", equalTo("GeneralException"));
        given().get("/user/profile")
                .then()
                .statusCode(403)
                .contentType("application/json")
                .body("error_type", equalTo("TokenException"));
        given().header("Authorization", "token sim_api_key:forged")
                .get("/quote?i=NSE:INFY")
                .then()
                .statusCode(403)
                .body("error_type", equalTo("TokenException"));
        given().get("/instruments/NOWHERE")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error_type", equalTo("InputException"));
        given().delete("/user/profile").then().statusCode(405).contentType("application/json");
    }

    @Test
    void quoteLimitsAndRateLimit() {
        String auth = "token " + SimLogin.API_KEY + ":" + SimLogin.accessToken();
        var tooMany = given().header("Authorization", auth);
        for (int i : IntStream.range(0, 501).toArray()) {
            tooMany = tooMany.queryParam("i", "NSE:X" + i);
        }
        tooMany.get("/quote").then().statusCode(400).body("error_type", equalTo("InputException"));
        given().header("Authorization", auth)
                .get("/quote")
                .then()
                .statusCode(400)
                .body("error_type", equalTo("InputException"));

        given().header("Authorization", auth)
                .queryParam("i", "NSE:INFY")
                .queryParam("i", "NSE:NOPE")
                .get("/quote/ltp")
                .then()
                .statusCode(200)
                .body("data", hasKey("NSE:INFY"))
                .body("data", not(hasKey("NSE:NOPE")));
        given().header("Authorization", auth)
                .queryParam("i", "NSE:INFY")
                .get("/quote/ohlc")
                .then()
                .statusCode(429)
                .contentType("application/json")
                .body("error_type", equalTo("NetworkException"));
    }

    @Test
    void accessTokensExpireAt0600IstNextDayBySimClock() {
        // Log in at a known time of day, so which 06:00 is next does not depend on when the test runs.
        LocalDate today = ZonedDateTime.now(IST).toLocalDate();
        moveClockTo(today.atTime(12, 0).atZone(IST));
        String auth = "token " + SimLogin.API_KEY + ":" + SimLogin.accessToken();
        given().header("Authorization", auth).get("/user/profile").then().statusCode(200);
        LocalDate expiryDay = today.plusDays(1);
        // a minute before: the sim's clock keeps running while the request is made
        moveClockTo(expiryDay.atTime(5, 59, 0).atZone(IST));
        given().header("Authorization", auth).get("/user/profile").then().statusCode(200);
        moveClockTo(expiryDay.atTime(6, 0, 1).atZone(IST));
        given().header("Authorization", auth)
                .get("/user/profile")
                .then()
                .statusCode(403)
                .body("error_type", equalTo("TokenException"));
    }

    private static void moveClockTo(ZonedDateTime when) {
        given().contentType("application/json")
                .body("{\"now\":\"" + when.toOffsetDateTime() + "\"}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
    }
}
