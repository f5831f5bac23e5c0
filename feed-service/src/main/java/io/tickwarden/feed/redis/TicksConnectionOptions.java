package io.tickwarden.feed.redis;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where the feed's own ticks connection ({@link FeedPublisher}) goes: the same Redis as the Quarkus client, read
 * from the same {@code quarkus.redis.*} properties. In Sentinel mode ({@code client-type=sentinel}) the hosts are
 * the Sentinels and every (re)connect asks them for the current primary, so after a failover the next reconnect
 * reaches the promoted replica; pointing it at {@code hosts[0]} would send ticks to a Sentinel.
 */
final class TicksConnectionOptions {

    private TicksConnectionOptions() {}

    static RedisOptions of(
            List<String> hosts, String clientType, String masterName, String role, Duration topologyCacheTtl) {
        RedisClientType type = RedisClientType.valueOf(clientType.trim().toUpperCase(Locale.ROOT));
        RedisOptions options = new RedisOptions().setType(type);
        if (type == RedisClientType.STANDALONE) {
            return options.setConnectionString(hosts.get(0));
        }
        hosts.forEach(options::addConnectionString);
        return options.setTopologyCacheTTL(topologyCacheTtl.toMillis())
                .setMasterName(masterName)
                .setRole(RedisRole.valueOf(role.trim().toUpperCase(Locale.ROOT)));
    }
}
