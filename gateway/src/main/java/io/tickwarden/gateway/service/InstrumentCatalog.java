package io.tickwarden.gateway.service;

import java.util.Map;
import java.util.Optional;

/**
 * Which symbols exist. Pluggable: the default reads the list feed-service keeps in Redis
 * ({@link io.tickwarden.gateway.redis.RedisInstrumentCatalog}); another source can replace it as a CDI bean.
 */
public interface InstrumentCatalog {

    /** A refused symbol: {@code reason} is a {@code GatewayErrorCodes} value. */
    record Refusal(String reason, String message) {}

    /** Empty when the symbol may be subscribed. The symbol is already well-formed. */
    Optional<Refusal> check(String symbol);

    /** Source, size and freshness, for the health endpoint. */
    Map<String, Object> describe();
}
