package io.tickwarden.contracts.gateway;

/**
 * WebSocket close codes the gateway uses on {@code /ws/market} (documented in docs/gateway.md).
 */
public final class GatewayCloseCodes {

    private GatewayCloseCodes() {}

    /** Server shutting down. */
    public static final int GOING_AWAY = 1001;
    /** Policy violation: the connection was opened with an unknown {@code delivery} (normally refused at the upgrade with 400). */
    public static final int POLICY_VIOLATION = 1008;
    /** A message larger than the configured maximum, whether sent as one frame or as several. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Unexpected server error (never carries a stack trace). */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * Slow consumer: the socket accepted no write for the configured time while updates were pending, or, with
     * {@code delivery=all}, more ticks waited than the connection may queue. Reconnect with positions to recover.
     */
    public static final int SLOW_CONSUMER = 4008;
    /** Flood: more client messages than the per-connection rate limit allows. */
    public static final int FLOOD = 4029;
}
