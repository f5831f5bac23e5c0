package io.tickwarden.smartapisim.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tickwarden.smartapisim.support.Angel;
import io.tickwarden.smartapisim.support.MasterTokens;
import io.tickwarden.smartapisim.support.SimControl;
import io.tickwarden.smartapisim.support.TestTotp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SmartAPI's REST: TOTP login, tokens, the envelope and its error codes, the quote endpoint's shapes and limits. */
@QuarkusTest
class SmartApiRestTest {

    private static final String JWT_SHAPE = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

    @BeforeEach
    void cleanStart() {
        SimControl.cleanStart(1);
    }

    @AfterEach
    void restore() {
        given().contentType("application/json").body("{\"offset_seconds\":0}").post("/sim/clock");
        given().post("/sim/reset");
    }

    @Test
    void loginWithAComputedTotpIssuesARealJwtWithA24HourExpAndRefreshAndFeedTokens() {
        long before = Instant.now().getEpochSecond();
        Angel.login(Angel.CLIENT_CODE, Angel.PIN, TestTotp.now())
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("status", equalTo(true))
                .body("message", equalTo("SUCCESS"))
                .body("errorcode", equalTo(""))
                .body("data.jwtToken", matchesPattern(JWT_SHAPE))
                .body("data.refreshToken", matchesPattern(JWT_SHAPE))
                .body("data.feedToken", matchesPattern(JWT_SHAPE));
        Angel.Session s = Angel.login();
        String payload = Angel.payload(s.jwt());
        long exp = Long.parseLong(payload.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertTrue(exp >= before + 24 * 3600 && exp <= Instant.now().getEpochSecond() + 24 * 3600 + 1, payload);
        assertTrue(payload.contains("\"sub\":\"S100001\""), payload);
        assertTrue(new String(java.util.Base64.getUrlDecoder().decode(s.jwt().split("\\.")[0])).contains("HS256"));
        given().get("/sim/stats").then().body("logins", equalTo(2)).body("failed_logins", equalTo(0));
    }

    @Test
    void aWrongPinOrTotpIsAFalseEnvelopeWithAngelsCodeAndCountsAsAFailedLogin() {
        Angel.login(Angel.CLIENT_CODE, "1112", TestTotp.now())
                .then()
                .statusCode(200)
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AB1000"))
                .body("message", equalTo("Invalid Email Or Password"))
                .body("data", nullValue());
        Angel.login("S999999", Angel.PIN, TestTotp.now()).then().body("errorcode", equalTo("AB1000"));
        String wrong = TestTotp.now().equals("000000") ? "000001" : "000000";
        Angel.login(Angel.CLIENT_CODE, Angel.PIN, wrong)
                .then()
                .statusCode(200)
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AB1050"))
                .body("message", equalTo("Invalid totp"));
        given().get("/sim/stats").then().body("failed_logins", equalTo(3)).body("logins", equalTo(0));
    }

    @Test
    void oneStepOfClockSkewIsAcceptedTwoAreNot() {
        // Keep clear of a step boundary, so "+2 steps" cannot become "+1" between computing and checking.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().getEpochSecond() % 30 >= 1
                        && Instant.now().getEpochSecond() % 30 <= 25);
        Instant now = Instant.now();
        for (int steps : new int[] {-1, 1}) {
            Angel.login(Angel.CLIENT_CODE, Angel.PIN, TestTotp.code(now, steps))
                    .then()
                    .body("status", equalTo(true));
        }
        for (int steps : new int[] {-2, 2}) {
            Angel.login(Angel.CLIENT_CODE, Angel.PIN, TestTotp.code(now, steps))
                    .then()
                    .body("status", equalTo(false))
                    .body("errorcode", equalTo("AB1050"));
        }
    }

    @Test
    void everyCallNeedsTheApiKeyAsXPrivateKey() {
        given().contentType("application/json")
                .header("X-PrivateKey", "someone_else")
                .body(Map.of("clientcode", Angel.CLIENT_CODE, "password", Angel.PIN, "totp", TestTotp.now()))
                .post(Angel.LOGIN)
                .then()
                .statusCode(200)
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AG8004"));
        String jwt = Angel.login().jwt();
        given().header("Authorization", "Bearer " + jwt)
                .get(Angel.PROFILE)
                .then()
                .body("errorcode", equalTo("AG8004"));
    }

    @Test
    void profileNeedsALiveJwt() {
        Angel.Session s = Angel.login();
        Angel.authed(s.jwt())
                .get(Angel.PROFILE)
                .then()
                .statusCode(200)
                .body("status", equalTo(true))
                .body("data.clientcode", equalTo("S100001"))
                .body("data", hasKey("exchanges"));
        Angel.request().get(Angel.PROFILE).then().body("status", equalTo(false)).body("errorcode", equalTo("AG8003"));
        String forged = s.jwt().substring(0, s.jwt().lastIndexOf('.') + 1) + "AAAA";
        Angel.authed(forged)
                .get(Angel.PROFILE)
                .then()
                .body("errorcode", equalTo("AG8001"))
                .body("message", equalTo("Invalid Token"));
        // The JavaScript SDK reads errorCode: the AG codes carry both spellings.
        Angel.authed("nonsense")
                .get(Angel.PROFILE)
                .then()
                .body("errorCode", equalTo("AG8001"))
                .body("success", equalTo(false));
    }

    @Test
    void generateTokensGivesANewJwtAndFeedTokenForTheSessionsRefreshToken() {
        Angel.Session s = Angel.login();
        Response r = Angel.authed(s.jwt())
                .body(Map.of("refreshToken", s.refreshToken()))
                .post(Angel.GENERATE_TOKENS);
        r.then()
                .statusCode(200)
                .body("status", equalTo(true))
                .body("data.jwtToken", matchesPattern(JWT_SHAPE))
                .body("data.refreshToken", equalTo(s.refreshToken()));
        String jwt2 = r.path("data.jwtToken");
        assertNotEquals(s.jwt(), jwt2);
        assertNotEquals(s.feedToken(), r.path("data.feedToken"));
        Angel.authed(jwt2).get(Angel.PROFILE).then().body("status", equalTo(true));
        Angel.authed(s.jwt())
                .body(Map.of("refreshToken", "not-it"))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AB8050"));
        Angel.Session other = Angel.login();
        Angel.authed(other.jwt())
                .body(Map.of("refreshToken", s.refreshToken()))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("errorcode", equalTo("AB8050"));
        given().get("/sim/stats").then().body("token_refreshes", equalTo(1)).body("failed_refreshes", equalTo(2));
    }

    @Test
    void logoutEndsTheSession() {
        Angel.Session s = Angel.login();
        Angel.authed(s.jwt())
                .body(Map.of("clientcode", Angel.CLIENT_CODE))
                .post(Angel.LOGOUT)
                .then()
                .statusCode(200)
                .body("status", equalTo(true));
        Angel.authed(s.jwt())
                .get(Angel.PROFILE)
                .then()
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AG8001"));
        Angel.authed(s.jwt())
                .body(Map.of("refreshToken", s.refreshToken()))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("errorcode", equalTo("AB8050"));
    }

    @Test
    void aJwtDiesAtItsExpBySimClockAndOnTokenExpiry() {
        Angel.Session s = Angel.login();
        given().contentType("application/json")
                .body("{\"offset_seconds\": " + (24 * 3600 - 60) + "}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
        Angel.authed(s.jwt()).get(Angel.PROFILE).then().body("status", equalTo(true));
        given().contentType("application/json")
                .body("{\"offset_seconds\": " + (24 * 3600 + 2) + "}")
                .post("/sim/clock")
                .then()
                .statusCode(200);
        Angel.authed(s.jwt()).get(Angel.PROFILE).then().body("errorcode", equalTo("AG8001"));
        // An expired JWT can still be refreshed with its session's refresh token.
        String jwt2 = Angel.authed(s.jwt())
                .body(Map.of("refreshToken", s.refreshToken()))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("status", equalTo(true))
                .extract()
                .path("data.jwtToken");
        Angel.authed(jwt2).get(Angel.PROFILE).then().body("status", equalTo(true));

        given().contentType("application/json").body("{\"offset_seconds\":0}").post("/sim/clock");
        Angel.Session fresh = Angel.login();
        given().contentType("application/json")
                .body("{\"keep_refresh_tokens\": true}")
                .post("/sim/tokens/expire")
                .then()
                .statusCode(200)
                .body("refresh_tokens_kept", equalTo(true));
        Angel.authed(fresh.jwt()).get(Angel.PROFILE).then().body("errorcode", equalTo("AG8001"));
        Angel.authed(fresh.jwt())
                .body(Map.of("refreshToken", fresh.refreshToken()))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("status", equalTo(true));
        given().post("/sim/tokens/expire").then().statusCode(200);
        Angel.authed(fresh.jwt())
                .body(Map.of("refreshToken", fresh.refreshToken()))
                .post(Angel.GENERATE_TOKENS)
                .then()
                .body("errorcode", equalTo("AB8050"));
    }

    @Test
    void quoteAnswersEachModeInAngelsShape() {
        String jwt = Angel.login().jwt();
        Angel.quote(jwt, "LTP", Map.of("NSE", List.of("3045", "99926000", "77777777")))
                .then()
                .statusCode(200)
                .body("status", equalTo(true))
                .body("data.fetched.symbolToken", contains("3045", "99926000"))
                .body("data.fetched[0].tradingSymbol", equalTo("SBIN-EQ"))
                .body("data.fetched[0].exchange", equalTo("NSE"))
                .body("data.fetched[0]", not(hasKey("open")))
                .body("data.fetched[1].tradingSymbol", equalTo("Nifty 50"))
                .body("data.unfetched[0].symbolToken", equalTo("77777777"))
                .body("data.unfetched[0].exchange", equalTo("NSE"));
        Angel.quote(jwt, "OHLC", Map.of("NSE", List.of("3045")))
                .then()
                .body("data.fetched[0]", hasKey("close"))
                .body("data.fetched[0]", not(hasKey("depth")));
        Map<String, List<String>> tokens = new LinkedHashMap<>();
        tokens.put("NFO", List.of(MasterTokens.niftyOption()));
        tokens.put("CDS", List.of(MasterTokens.usdInr()));
        Angel.quote(jwt, "FULL", tokens)
                .then()
                .body("data.fetched.size()", equalTo(2))
                .body("data.fetched[0].depth.buy.size()", equalTo(5))
                .body(
                        "data.fetched[0].exchFeedTime",
                        matchesPattern("\\d\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d:\\d\\d"))
                .body("data.fetched[0]", hasKey("52WeekHigh"))
                .body("data.fetched[0]", hasKey("upperCircuit"))
                .body("data.fetched[1].exchange", equalTo("CDS"));
        Angel.quote(jwt, "DEPTH", Map.of("NSE", List.of("3045")))
                .then()
                .body("status", equalTo(false))
                .body("errorcode", equalTo("AB2000"));
    }

    @Test
    void quoteTakesAtMost50TokensAndIsRateLimitedWithAngels403() {
        String jwt = Angel.login().jwt();
        List<String> fifty = IntStream.range(0, 50).mapToObj(i -> "3045").toList();
        Angel.quote(jwt, "LTP", Map.of("NSE", fifty)).then().body("status", equalTo(true));
        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("3045");
        Angel.quote(jwt, "LTP", Map.of("NSE", fiftyOne))
                .then()
                .body("status", equalTo(false))
                .body("message", containsString("50"));

        given().contentType("application/json")
                .body("{\"requests_per_second\": 1}")
                .post("/sim/quote-rate")
                .then()
                .statusCode(200);
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 10 && refused == null; i++) { // 1/s: the second call within a second is refused
            Response r = Angel.quote(jwt, "LTP", Map.of("NSE", List.of("3045")));
            statuses.add(r.statusCode());
            if (r.statusCode() == 403) {
                refused = r;
            }
        }
        assertEquals(200, statuses.get(0), statuses.toString());
        assertTrue(refused != null, "no 403 in " + statuses);
        assertTrue(refused.contentType().startsWith("text/plain"), refused.contentType());
        assertEquals("Access denied because of exceeding access rate", refused.asString());
        given().get("/sim/stats").then().body("quote_rate_limited", equalTo(1));
    }

    @Test
    void rejectFaultsAnswerAg8001AndTheRateLimitOnRest() {
        String jwt = Angel.login().jwt();
        SimControl.fault("{\"kind\":\"reject_401\"}");
        Angel.authed(jwt).get(Angel.PROFILE).then().body("errorcode", equalTo("AG8001"));
        Angel.login(Angel.CLIENT_CODE, Angel.PIN, TestTotp.now()).then().body("status", equalTo(true));
        given().delete("/sim/faults/reject_401").then().statusCode(200);
        SimControl.fault("{\"kind\":\"reject_429\"}");
        Angel.authed(jwt)
                .get(Angel.PROFILE)
                .then()
                .statusCode(403)
                .body(equalTo("Access denied because of exceeding access rate"));
        given().delete("/sim/faults/reject_429").then().statusCode(200);
        Angel.authed(jwt).get(Angel.PROFILE).then().body("status", equalTo(true));
    }

    @Test
    void theInstrumentMasterListsKiteSimsUniverseInAngelsShape() {
        Response r = given().get(Angel.MASTER);
        r.then().statusCode(200).contentType("application/json");
        List<Map<String, String>> rows = r.jsonPath().getList("$");
        assertEquals(3191, rows.size(), "the same contracts as kite-sim's instrument dump");
        Map<String, String> sbin = find(rows, "NSE", "3045");
        assertEquals(
                Map.of(
                        "token",
                        "3045",
                        "symbol",
                        "SBIN-EQ",
                        "name",
                        "SBIN",
                        "expiry",
                        "",
                        "strike",
                        "-1.000000",
                        "lotsize",
                        "1",
                        "instrumenttype",
                        "",
                        "exch_seg",
                        "NSE",
                        "tick_size",
                        "5.000000"),
                sbin);
        assertEquals("AMXIDX", find(rows, "NSE", "99926000").get("instrumenttype"));
        assertEquals("Nifty 50", find(rows, "NSE", "99926000").get("symbol"));
        Map<String, String> option = find(rows, "NFO", MasterTokens.niftyOption());
        assertTrue(option.get("symbol").matches("NIFTY\\d\\d[A-Z]{3}\\d\\d24000CE"), option.toString());
        assertTrue(option.get("expiry").matches("\\d\\d[A-Z]{3}\\d{4}"), option.toString());
        assertEquals("2400000.000000", option.get("strike"));
        assertEquals("OPTIDX", option.get("instrumenttype"));
        assertTrue(rows.stream().anyMatch(x -> x.get("instrumenttype").equals("FUTSTK")));
        assertTrue(rows.stream().anyMatch(x -> x.get("instrumenttype").equals("FUTIDX")));
        assertTrue(rows.stream().anyMatch(x -> x.get("exch_seg").equals("MCX")));
        assertEquals("0.250000", find(rows, "CDS", MasterTokens.usdInr()).get("tick_size"));
    }

    private static Map<String, String> find(List<Map<String, String>> rows, String seg, String token) {
        return rows.stream()
                .filter(x -> x.get("exch_seg").equals(seg) && x.get("token").equals(token))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + seg + ":" + token));
    }
}
