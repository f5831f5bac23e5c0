package io.tickwarden.smartapisim.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Angel REST calls against the sim as a client makes them: Angel's headers, the demo account, a fresh TOTP. */
public final class Angel {

    public static final String API_KEY = "sim_angel_api_key";
    public static final String CLIENT_CODE = "S100001";
    public static final String PIN = "1111";
    public static final String LOGIN = "/rest/auth/angelbroking/user/v1/loginByPassword";
    public static final String GENERATE_TOKENS = "/rest/auth/angelbroking/jwt/v1/generateTokens";
    public static final String PROFILE = "/rest/secure/angelbroking/user/v1/getProfile";
    public static final String LOGOUT = "/rest/secure/angelbroking/user/v1/logout";
    public static final String QUOTE = "/rest/secure/angelbroking/market/v1/quote";
    public static final String MASTER = "/OpenAPI_File/files/OpenAPIScripMaster.json";

    /** What a login hands out. */
    public record Session(String jwt, String refreshToken, String feedToken) {}

    private Angel() {}

    public static RequestSpecification request() {
        return given().contentType("application/json")
                .accept("application/json")
                .header("X-PrivateKey", API_KEY)
                .header("X-UserType", "USER")
                .header("X-SourceID", "WEB")
                .header("X-ClientLocalIP", "127.0.0.1")
                .header("X-ClientPublicIP", "127.0.0.1")
                .header("X-MACAddress", "00:00:00:00:00:00");
    }

    public static RequestSpecification authed(String jwt) {
        return request().header("Authorization", "Bearer " + jwt);
    }

    public static Response login(String clientCode, String pin, String totp) {
        return request()
                .body(Map.of("clientcode", clientCode, "password", pin, "totp", totp))
                .post(LOGIN);
    }

    public static Session login() {
        Response r = login(CLIENT_CODE, PIN, TestTotp.now());
        r.then().statusCode(200);
        if (!Boolean.TRUE.equals(r.path("status"))) {
            throw new AssertionError("login failed: " + r.asString());
        }
        return new Session(r.path("data.jwtToken"), r.path("data.refreshToken"), r.path("data.feedToken"));
    }

    public static Response quote(String jwt, String mode, Map<String, ?> exchangeTokens) {
        return authed(jwt)
                .body(Map.of("mode", mode, "exchangeTokens", exchangeTokens))
                .post(QUOTE);
    }

    /** The decoded payload of a JWT (its middle part). */
    public static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
