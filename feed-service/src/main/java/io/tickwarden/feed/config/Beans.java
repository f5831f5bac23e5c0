package io.tickwarden.feed.config;

import io.smallrye.common.annotation.Identifier;
import io.tickwarden.feed.broker.Broker;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.UUID;

/** Small producers: the instance id, the broker adapter (the clock is http-edge's). */
public class Beans {

    /** The adapter BROKER names: each adapter is a bean with {@code @Identifier("<name>")}. */
    @Produces
    @Singleton
    Broker broker(FeedConfig config, @Any Instance<Broker> adapters) {
        Instance<Broker> chosen = adapters.select(Identifier.Literal.of(config.broker()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("BROKER=" + config.broker() + " is not a broker this feed knows; set BROKER "
                    + "to one of: " + known(adapters));
        }
        return chosen.get();
    }

    /** The identifiers of the adapters (from bean metadata: instantiating them here would build this producer). */
    private static java.util.List<String> known(Instance<Broker> adapters) {
        return adapters.handlesStream().flatMap(h -> h.getBean().getQualifiers().stream())
                .filter(Identifier.class::isInstance).map(q -> ((Identifier) q).value()).sorted().toList();
    }

    @Produces
    @Singleton
    @Named("instanceId")
    String instanceId(FeedConfig config) {
        // Always suffixed: two processes on one host share HOSTNAME, and equal ids would both "hold" the lease.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return config.instanceId().filter(s -> !s.isBlank()).map(s -> s + "-" + suffix).orElse("feed-" + suffix);
    }
}
