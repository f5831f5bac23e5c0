package io.tickwarden.contracts.gateway;

/**
 * Values of {@code reason} in a {@code subscribed} message's {@code recovery} entries: why a symbol subscribed with
 * a position was not recovered (it then gets the snapshot, which the client must treat as a reload).
 */
public final class GatewayRecoveryReasons {

    private GatewayRecoveryReasons() {}

    /** The history is of another leader term (epoch) than the position: ticks between the terms are unknown. */
    public static final String EPOCH_CHANGED = "EPOCH_CHANGED";
    /**
     * The history no longer reaches back to the position, or more ticks were missed than the gateway replays
     * ({@code gateway.recovery.max-replay-ticks}).
     */
    public static final String TOO_OLD = "TOO_OLD";
    /** No history for the symbol, or Redis did not answer. */
    public static final String NO_HISTORY = "NO_HISTORY";
    /** The position is not a positive number, or is ahead of anything known. */
    public static final String BAD_POSITION = "BAD_POSITION";
}
