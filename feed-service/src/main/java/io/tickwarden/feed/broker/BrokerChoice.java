package io.tickwarden.feed.broker;

import io.smallrye.common.annotation.Identifier;
import io.tickwarden.feed.config.FeedConfig;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the one {@link Broker} this process uses, the adapter BROKER names. */
public class BrokerChoice {

    /** The adapter BROKER names: each adapter is a bean with {@code @Identifier("<name>")}. */
    @Produces
    @Singleton
    Broker broker(FeedConfig config, @Any Instance<Broker> adapters) {
        Instance<Broker> chosen = adapters.select(Identifier.Literal.of(config.broker()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("BROKER=" + config.broker()
                    + " is not a broker this feed knows; set BROKER " + "to one of: " + known(adapters));
        }
        return chosen.get();
    }

    /** The identifiers of the adapters (from bean metadata: instantiating them here would build this producer). */
    private static java.util.List<String> known(Instance<Broker> adapters) {
        return adapters.handlesStream()
                .flatMap(h -> h.getBean().getQualifiers().stream())
                .filter(Identifier.class::isInstance)
                .map(q -> ((Identifier) q).value())
                .sorted()
                .toList();
    }
}
