package io.tickwarden.kitesim.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Logs in against the sim the way a browser and an app backend would, without kiteconnect. */
public final class SimLogin {

    public static final String API_KEY = "sim_api_key";
    public static final String API_SECRET = "sim_api_secret";
    private static final Pattern REQUEST_TOKEN = Pattern.compile("request_token=([A-Za-z0-9]+)");

    private SimLogin() {}

    /** Follows the login page's redirect and returns the request_token it carries. */
    public static String requestToken() {
        Response login = given().redirects()
                .follow(false)
                .queryParam("v", "3")
                .queryParam("api_key", API_KEY)
                .get("/connect/login");
        String location = login.then().statusCode(302).extract().header("Location");
        Matcher m = REQUEST_TOKEN.matcher(location);
        if (!m.find()) {
            throw new AssertionError("no request_token in " + location);
        }
        return m.group(1);
    }

    public static String accessToken() {
        String requestToken = requestToken();
        return given().formParam("api_key", API_KEY)
                .formParam("request_token", requestToken)
                .formParam("checksum", checksum(requestToken))
                .post("/session/token")
                .then()
                .statusCode(200)
                .extract()
                .path("data.access_token");
    }

    public static String checksum(String requestToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((API_KEY + requestToken + API_SECRET).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
