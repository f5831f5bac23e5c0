package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.feed.domain.Ist;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells auth-service that Kite refused our token ({@code auth.reports}, {@link AuthReport}): it then verifies the
 * token and transitions, which is what lets the feed leave AUTH_BLOCKED. Never carries the token.
 */
@Singleton
public class AuthReporter {

    private static final Logger LOG = Logger.getLogger(AuthReporter.class);

    private final RedisCalls calls;
    private final ObjectMapper json;
    private final Clock clock;

    AuthReporter(RedisCalls calls, ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    public void handshakeRejected(long tokenVersion, int httpStatus, String instance) {
        report(AuthReport.TYPE_HANDSHAKE_REJECTED, tokenVersion, httpStatus,
                "Kite ticker handshake refused with HTTP " + httpStatus + " (instance " + instance + ")");
    }

    public void tokenRejected(long tokenVersion, int httpStatus, String detail) {
        report(AuthReport.TYPE_TOKEN_REJECTED, tokenVersion, httpStatus, detail);
    }

    private void report(String type, long tokenVersion, int status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("source", "feed-service");
        body.put("token_version", tokenVersion);
        body.put("at", Ist.format(clock.instant()));
        body.put("http_status", status);
        body.put("detail", detail);
        try {
            calls.await(calls.reactive().pubsub(String.class).publish(AuthReport.CHANNEL, json.writeValueAsString(body)));
        } catch (Exception e) {
            LOG.warnf("could not report %s to auth-service: %s", type, e.toString());
        }
    }
}
