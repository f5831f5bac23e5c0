package io.tickwarden.auth.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tickwarden.auth.config.AuthConfig;
import io.tickwarden.auth.domain.ReminderWindow.SessionView;
import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.contracts.session.SessionRedisNames;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads session-service's {@link MarketSessionSnapshot} at {@code market:session:<exchange>} for the reminder. */
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
            MarketSessionSnapshot snapshot = json.readValue(raw, MarketSessionSnapshot.class);
            OffsetDateTime next =
                    snapshot.next_change_at() == null ? null : OffsetDateTime.parse(snapshot.next_change_at());
            return Optional.of(new SessionView(snapshot.phase(), snapshot.next_phase(), next, snapshot.trading_day()));
        } catch (java.io.IOException | DateTimeParseException e) {
            LOG.warnf("%s is not a session snapshot I can read: %s", key, e.getMessage());
            return Optional.empty();
        }
    }
}
