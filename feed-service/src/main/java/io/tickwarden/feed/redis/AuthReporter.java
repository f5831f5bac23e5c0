package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.auth.AuthRedisNames;
import io.tickwarden.contracts.auth.AuthReport;
import io.tickwarden.feed.domain.Ist;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells auth-service that the broker refused our token ({@code auth.reports}, {@link AuthReport}): it then verifies the
 * token and transitions, which is what lets the feed leave AUTH_BLOCKED. Never carries the token. When, how
 * often and with what outcome reports are sent is decided (and logged, counted) by the supervisor.
 */
@Singleton
public class AuthReporter {

    private final RedisCalls calls;
    private final ObjectMapper json;
    private final Clock clock;

    AuthReporter(RedisCalls calls, ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    /** What the feed tells auth-service; kept by the supervisor so it can send the same report again. */
    public record Report(String type, long tokenVersion, int httpStatus, String detail) {

        /** The same without the broker's name. */
        public static Report handshakeRejected(long tokenVersion, int httpStatus, String instance) {
            return new Report(
                    AuthReport.TYPE_HANDSHAKE_REJECTED,
                    tokenVersion,
                    httpStatus,
                    "ticker handshake refused with HTTP " + httpStatus + " (instance " + instance + ")");
        }

        /** @param broker the adapter's name ({@code kite}, {@code angel}) */
        public static Report handshakeRejected(String broker, long tokenVersion, int httpStatus, String instance) {
            return new Report(
                    AuthReport.TYPE_HANDSHAKE_REJECTED,
                    tokenVersion,
                    httpStatus,
                    broker + " ticker handshake refused with HTTP " + httpStatus + " (instance " + instance + ")");
        }

        public static Report tokenRejected(long tokenVersion, int httpStatus, String detail) {
            return new Report(AuthReport.TYPE_TOKEN_REJECTED, tokenVersion, httpStatus, detail);
        }
    }

    /**
     * Publishes the report on {@code auth.reports}. Blocking (worker thread), bounded by {@code feed.redis.timeout}.
     *
     * @return how many subscribers received it (0: nobody listens, e.g. auth-service down or re-subscribing;
     *         pub/sub keeps nothing, so the report is lost)
     * @throws RuntimeException when Redis did not take it
     */
    public long send(Report report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", report.type());
        body.put("source", "feed-service");
        body.put("token_version", report.tokenVersion());
        body.put("at", Ist.format(clock.instant()));
        body.put("http_status", report.httpStatus());
        body.put("detail", report.detail());
        String message;
        try {
            message = json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise the auth report", e);
        }
        Response receivers =
                calls.await(calls.reactive().execute(Command.PUBLISH, AuthRedisNames.REPORTS_CHANNEL, message));
        return receivers == null ? 0 : receivers.toLong();
    }
}
