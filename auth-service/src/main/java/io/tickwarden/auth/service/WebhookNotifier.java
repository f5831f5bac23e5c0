package io.tickwarden.auth.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tickwarden.auth.config.AuthConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import org.jboss.logging.Logger;

/**
 * Optional POST to {@code auth.reminder.webhook-url} (chat, pager...). The payload carries no secret, and the
 * URL itself is never logged because webhook URLs often embed one.
 */
@Singleton
public class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    /** Body of the webhook POST. */
    public record LoginReminder(
            String type,
            String message,
            String loginUrl,
            String state,
            String reason,
            OffsetDateTime preOpenAt,
            OffsetDateTime at) {}

    private final AuthConfig config;
    private final ObjectMapper json;
    private final HttpClient client;

    WebhookNotifier(AuthConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.client = HttpClient.newBuilder()
                .executor(Infrastructure.getDefaultWorkerPool())
                .connectTimeout(config.reminder().webhookTimeout())
                .build();
    }

    public boolean enabled() {
        return config.reminder().webhookUrl().filter(u -> !u.isBlank()).isPresent();
    }

    public void send(LoginReminder payload) {
        if (!enabled()) {
            return;
        }
        URI uri;
        String body;
        try {
            uri = URI.create(config.reminder().webhookUrl().get().trim());
            body = json.writeValueAsString(payload);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            LOG.warn("auth.reminder.webhook-url is not a valid URL; no webhook sent");
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(config.reminder().webhookTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warnf(
                        "Login reminder webhook to %s failed: %s",
                        uri.getHost(), failure.getClass().getSimpleName());
            } else if (response.statusCode() >= 300) {
                LOG.warnf("Login reminder webhook to %s answered HTTP %d", uri.getHost(), response.statusCode());
            } else {
                LOG.infof("Login reminder webhook sent to %s", uri.getHost());
            }
        });
    }
}
