package io.tickwarden.gateway.client;

import io.smallrye.mutiny.Uni;
import io.tickwarden.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls auth-service ({@code AUTH_SERVICE_URL}); the JDK client is enough for one proxied POST. */
@Singleton
public class AuthServiceClient {

    /** Upstream status and body, passed through. */
    public record Answer(int status, String body) {
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    AuthServiceClient(GatewayConfig config) {
        this.timeout = config.health().httpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        String url = config.services().authUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public Uni<Answer> verify() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/auth/verify"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(r -> new Answer(r.statusCode(), r.body()));
    }
}
