package io.tickwarden.auth.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.SmartApiSimTestResource;
import java.net.URI;
import java.net.http.HttpRequest;

/** What a test asks smartapi-sim directly: its stats and controls, and whether a JWT works there. */
public final class AngelSim {

    private AngelSim() {}

    public static JsonNode stats(QuarkusAppProcess sim) {
        return KiteLogin.json(Http.get(sim.baseUrl() + "/sim/stats").body());
    }

    public static long stat(QuarkusAppProcess sim, String name) {
        return stats(sim).path(name).asLong();
    }

    public static void reset(QuarkusAppProcess sim) {
        Http.post(sim.baseUrl() + "/sim/reset", "");
    }

    /** Every JWT (and refresh token) issued so far stops working: AG8001. */
    public static void expireAllTokens(QuarkusAppProcess sim) {
        Http.post(sim.baseUrl() + "/sim/tokens/expire", "{}", "Content-Type", "application/json");
    }

    /** getProfile with this JWT, as any Angel client would call it: true when the sim accepts it. */
    public static boolean profileAccepts(QuarkusAppProcess sim, String jwt) {
        String body = Http.send(
                        HttpRequest.newBuilder(
                                        URI.create(sim.baseUrl() + "/rest/secure/angelbroking/user/v1/getProfile"))
                                .GET(),
                        "Authorization",
                        "Bearer " + jwt,
                        "X-PrivateKey",
                        SmartApiSimTestResource.API_KEY,
                        "X-UserType",
                        "USER",
                        "X-SourceID",
                        "WEB",
                        "X-ClientLocalIP",
                        "127.0.0.1",
                        "X-ClientPublicIP",
                        "127.0.0.1",
                        "X-MACAddress",
                        "00:00:00:00:00:00",
                        "Accept",
                        "application/json",
                        "Content-Type",
                        "application/json")
                .body();
        return KiteLogin.json(body).path("status").asBoolean(false);
    }
}
