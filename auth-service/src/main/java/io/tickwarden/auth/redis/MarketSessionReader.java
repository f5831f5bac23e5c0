package io.tickwarden.auth.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.domain.ReminderWindow.SessionView;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import io.tickwarden.contracts.session.SessionRedisNames;

/** Reads session-service's snapshot {@code market:session:<exchange>} (fields phase, next_phase, next_change_at, trading_day). */
@Singleton
public class MarketSessionReader {

    private static final Logger LOG = Logger.getLogger(MarketSessionReader.class);

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final String key;

    MarketSessionReader(RedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.key = SessionRedisNames.marketSessionKey(config.reminder().exchange());
    }

    public Optional<SessionView> read() {
        String raw = values.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(raw);
            OffsetDateTime next = node.hasNonNull("next_change_at")
                    ? OffsetDateTime.parse(node.get("next_change_at").asText()) : null;
            // trading_day may be a date or a flag depending on the session-service version: keep its text.
            String tradingDay = node.hasNonNull("trading_day") ? node.get("trading_day").asText() : null;
            return Optional.of(new SessionView(text(node, "phase"), text(node, "next_phase"), next, tradingDay));
        } catch (java.io.IOException | DateTimeParseException e) {
            LOG.warnf("%s is not a session snapshot I can read: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
