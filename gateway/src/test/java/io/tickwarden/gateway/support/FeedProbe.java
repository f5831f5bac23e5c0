package io.tickwarden.gateway.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.testing.TickwardenSystem;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a system test reads over HTTP about the feed replicas and kite-sim, and the login over HTTP. */
public final class FeedProbe {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TickwardenSystem system;

    public FeedProbe(TickwardenSystem system) {
        this.system = system;
    }

    public int simOpenSockets() {
        return get(system.url("kite-sim") + "/sim/stats")
                .path("ws_connections_open")
                .asInt();
    }

    public JsonNode state(String feed) {
        return get(system.url(feed) + "/api/feed/state");
    }

    public boolean isLeader(String feed) {
        return state(feed).path("is_leader").asBoolean();
    }

    public int connectedSockets(String feed) {
        int n = 0;
        for (JsonNode s : state(feed).path("sockets")) {
            if ("CONNECTED".equals(s.path("state").asText())) {
                n++;
            }
        }
        return n;
    }

    public String socketReasons(String feed) {
        StringBuilder sb = new StringBuilder(state(feed).path("last_error").asText());
        state(feed)
                .path("sockets")
                .forEach(s -> sb.append(" | ").append(s.path("reason").asText()));
        return sb.toString();
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void loginOverHttp() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.ALWAYS)
                .cookieHandler(new CookieManager())
                .build();
        await().atMost(WAIT)
                .ignoreExceptions()
                .until(() -> browser.send(
                                HttpRequest.newBuilder(URI.create(system.url("auth-service") + "/api/auth/login"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .uri()
                        .toString()
                        .startsWith(system.url("gateway")));
    }
}
