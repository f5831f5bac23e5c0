package io.tickwarden.gateway.client;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Calls auth-service through {@link AuthServiceApi}, non-blocking. A 10 s {@code @Timeout} bounds the call; the
 * circuit opens after 4 calls in a row that got no answer at all (refused or timed out), so repeated clicks on
 * a dead auth-service fail at once for 10 s instead of each waiting. No {@code @Retry}: a verify costs a call
 * to the broker, and the person who asked can ask again. Any HTTP answer, 4xx and 5xx included, is an answer
 * and passes through unchanged.
 */
@Singleton
public class AuthServiceClient {

    /** Upstream status and body, passed through. */
    public record Answer(int status, String body) {}

    private final AuthServiceApi api;

    AuthServiceClient(@RestClient AuthServiceApi api) {
        this.api = api;
    }

    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 1.0, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<Answer> verify() {
        return api.verify()
                .map(AuthServiceClient::answer)
                // in case a default exception mapper is active after all: an HTTP answer is still an answer
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> answer(((WebApplicationException) e).getResponse()));
    }

    private static Answer answer(Response r) {
        try (r) {
            return new Answer(r.getStatus(), r.hasEntity() ? r.readEntity(String.class) : "");
        }
    }
}
