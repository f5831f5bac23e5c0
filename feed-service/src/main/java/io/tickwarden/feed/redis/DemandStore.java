package io.tickwarden.feed.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.tickwarden.contracts.feed.FeedDemand;
import io.tickwarden.contracts.feed.FeedRedisNames;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.domain.SubscriptionPlan.OwnerDemand;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads the gateways' demand: live owners from the ZSET {@code feed:demand:owners} (score = valid-until epoch ms),
 * then each owner's HASH {@code feed:demand:<owner>} (symbol -> {@link FeedDemand} JSON). Owners past
 * their score are ignored and pruned, so a crashed gateway's demand lapses by itself.
 */
@Singleton
public class DemandStore {

    private static final Logger LOG = Logger.getLogger(DemandStore.class);

    private final RedisCalls calls;
    private final ObjectMapper json;
    private final Clock clock;
    private final Set<String> warned = new HashSet<>();

    DemandStore(RedisCalls calls, ObjectMapper json, Clock clock) {
        this.calls = calls;
        this.json = json;
        this.clock = clock;
    }

    public List<OwnerDemand> read() {
        double now = clock.millis();
        var zset = calls.reactive().sortedSet(String.class);
        calls.await(zset.zremrangebyscore(
                FeedRedisNames.DEMAND_OWNERS_KEY, new ScoreRange<>(Double.NEGATIVE_INFINITY, now)));
        List<String> owners = calls.await(
                zset.zrangebyscore(FeedRedisNames.DEMAND_OWNERS_KEY, new ScoreRange<>(now, Double.POSITIVE_INFINITY)));
        List<OwnerDemand> out = new ArrayList<>();
        var hashes = calls.reactive().hash(String.class);
        for (String owner : owners) {
            Map<String, String> fields = calls.await(hashes.hgetall(FeedRedisNames.demandKey(owner)));
            fields.forEach((symbol, value) -> parse(owner, symbol, value, out));
        }
        return out;
    }

    private void parse(String owner, String symbol, String value, List<OwnerDemand> out) {
        FeedDemand demand;
        try {
            demand = json.readValue(value, FeedDemand.class);
        } catch (Exception e) {
            demand = null;
        }
        var parsed = demand == null ? Optional.<TickMode>empty() : TickMode.fromWire(demand.mode());
        if (parsed.isEmpty()) {
            if (warned.add(owner + "|" + symbol)) {
                LOG.warnf(
                        "ignoring demand of %s for %s: unreadable value (expected {\"mode\":\"ltp|quote|full\",\"clients\":N})",
                        owner, symbol);
            }
            return;
        }
        // An owner removes a symbol's field when its clients drop to 0, so a 0 here is a value without clients.
        out.add(new OwnerDemand(owner, symbol, parsed.get(), Math.max(1, demand.clients())));
    }
}
