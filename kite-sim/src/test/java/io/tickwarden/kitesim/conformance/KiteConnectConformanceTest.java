package io.tickwarden.kitesim.conformance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zerodhatech.kiteconnect.KiteConnect;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.KiteException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.NetworkException;
import com.zerodhatech.kiteconnect.kitehttp.exceptions.TokenException;
import com.zerodhatech.models.Instrument;
import com.zerodhatech.models.LTPQuote;
import com.zerodhatech.models.OHLCQuote;
import com.zerodhatech.models.Profile;
import com.zerodhatech.models.Quote;
import com.zerodhatech.models.User;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tickwarden.kite.KiteRoutes;
import io.tickwarden.kitesim.support.SimControl;
import io.tickwarden.kitesim.support.SimLogin;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official kiteconnect 3.5.1 client against the sim: if it works here, the sim speaks Kite's REST.
 * The market walk is paused ({@code /sim/rate 0}) so REST answers can be compared value for value.
 */
@QuarkusTest
class KiteConnectConformanceTest {

    @TestHTTPResource("/")
    URL root;

    private KiteConnect kite;

    @BeforeEach
    void pointClientAtSim() {
        String base = root.toString().replaceAll("/$", "");
        SimControl.cleanStart(0);
        KiteRoutes.pointAt(base, base.replace("http", "ws"), base + "/connect/login");
        kite = new KiteConnect(SimLogin.API_KEY);
    }

    @AfterEach
    void resumeMarket() {
        given().contentType("application/json")
                .body("{\"ticks_per_second\": 1}")
                .post("/sim/rate");
        given().post("/sim/reset");
    }

    @Test
    void generateSessionThenProfile() throws Throwable {
        User user = kite.generateSession(SimLogin.requestToken(), SimLogin.API_SECRET);
        assertNotNull(user.accessToken);
        assertEquals("ZS1234", user.userId);
        assertNotNull(user.loginTime);
        kite.setAccessToken(user.accessToken);
        Profile profile = kite.getProfile();
        assertEquals("Sim Trader", profile.userName);
        assertTrue(List.of(profile.exchanges).contains("NSE"));
    }

    @Test
    void requestTokenIsSingleUse() throws Throwable {
        String requestToken = SimLogin.requestToken();
        kite.generateSession(requestToken, SimLogin.API_SECRET);
        KiteException e =
                assertThrows(KiteException.class, () -> kite.generateSession(requestToken, SimLogin.API_SECRET));
        assertInstanceOf(TokenException.class, e);
        assertEquals(403, e.code);
    }

    @Test
    void wrongSecretFailsTheChecksum() {
        KiteException e = assertThrows(
                KiteException.class, () -> kite.generateSession(SimLogin.requestToken(), "not-the-secret"));
        assertInstanceOf(TokenException.class, e);
        assertTrue(e.message.contains("checksum"), e.message);
    }

    @Test
    void quotesAgreeWithTheSimAcrossAllThreeEndpoints() throws Throwable {
        login();
        String[] instruments = {"NSE:INFY", "256265", "NSE:NO-SUCH-THING"};
        Map<String, Quote> quotes = kite.getQuote(instruments);
        assertEquals(2, quotes.size(), "unknown instruments are simply absent");
        Quote infy = quotes.get("NSE:INFY");
        assertEquals(408065, infy.instrumentToken);
        assertEquals(5, infy.depth.buy.size());
        assertTrue(infy.ohlc.high >= infy.ohlc.low);

        JsonPath raw = rawQuote("NSE:INFY");
        assertEquals(raw.getDouble("data.'NSE:INFY'.last_price"), infy.lastPrice);
        assertEquals(raw.getDouble("data.'NSE:INFY'.volume"), infy.volumeTradedToday);
        assertEquals(
                raw.getDouble("data.'NSE:INFY'.depth.buy[0].price"),
                infy.depth.buy.get(0).getPrice());

        given().post("/sim/reset");
        Map<String, LTPQuote> ltp = kite.getLTP(new String[] {"NSE:INFY", "NSE:NIFTY 50"});
        assertEquals(infy.lastPrice, ltp.get("NSE:INFY").lastPrice);
        assertEquals(256265, ltp.get("NSE:NIFTY 50").instrumentToken);

        given().post("/sim/reset");
        Map<String, OHLCQuote> ohlc = kite.getOHLC(new String[] {"NSE:INFY"});
        assertEquals(infy.ohlc.close, ohlc.get("NSE:INFY").ohlc.close);
    }

    @Test
    void expiredTokenIsATokenException() throws Throwable {
        login();
        kite.getProfile();
        given().post("/sim/tokens/expire").then().statusCode(200);
        KiteException e = assertThrows(KiteException.class, () -> kite.getProfile());
        assertInstanceOf(TokenException.class, e);
        assertEquals(403, e.code);
        assertNotNull(e.message);
    }

    @Test
    void secondQuoteWithinASecondIs429NetworkException() throws Throwable {
        login();
        kite.getLTP(new String[] {"NSE:INFY"});
        KiteException e = assertThrows(KiteException.class, () -> kite.getLTP(new String[] {"NSE:INFY"}));
        assertInstanceOf(NetworkException.class, e);
        assertEquals(429, e.code);
    }

    @Test
    void instrumentsDumpParses() throws Throwable {
        login();
        List<Instrument> all = kite.getInstruments();
        assertTrue(all.size() > 2500, "instruments: " + all.size());
        Instrument infy = all.stream()
                .filter(i -> i.tradingsymbol.equals("INFY") && i.exchange.equals("NSE"))
                .findFirst()
                .orElseThrow();
        assertEquals(408065, infy.instrument_token);
        assertEquals(1594, infy.exchange_token);
        assertTrue(all.stream().anyMatch(i -> i.tradingsymbol.equals("SENSEX") && i.instrument_token == 265));
        long equities = all.stream()
                .filter(i -> i.exchange.equals("NSE") && i.segment.equals("NSE"))
                .count();
        assertTrue(equities >= 200, "NSE equities: " + equities);
        assertFalse(kite.getInstruments("CDS").isEmpty());
    }

    @Test
    void logoutInvalidatesTheToken() throws Throwable {
        login();
        assertTrue(kite.invalidateAccessToken().getBoolean("data"));
        assertThrows(TokenException.class, () -> kite.getProfile());
    }

    private void login() throws Throwable {
        User user = kite.generateSession(SimLogin.requestToken(), SimLogin.API_SECRET);
        kite.setAccessToken(user.accessToken);
    }

    private JsonPath rawQuote(String instrument) {
        given().post("/sim/reset");
        return given().header("Authorization", "token " + SimLogin.API_KEY + ":" + kite.getAccessToken())
                .header("X-Kite-Version", "3")
                .queryParam("i", instrument)
                .get("/quote")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }
}
