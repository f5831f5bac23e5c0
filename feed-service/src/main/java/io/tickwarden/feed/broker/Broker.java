package io.tickwarden.feed.broker;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * The feed's port to a broker: everything the supervisor needs from upstream, in our own types. An adapter
 * implements it once per broker (Kite: {@code broker/kite}); no broker type crosses it, so a second broker is new
 * files plus its {@code @Identifier}, never an edit to the supervisor's rules (docs/feed-service.md "Adding a
 * broker"). Threading: {@link #connect} is non-blocking; the REST calls block and run on worker threads only.
 */
public interface Broker {

    /** The {@code BROKER} value that selects this adapter, e.g. {@code kite}. */
    String name();

    /** The api_key (or client code) the broker counts its limits by; not secret (never a token). */
    String accountKey();

    BrokerLimits limits();

    /**
     * Opens one ticker socket with {@code accessToken}. The future fails when the handshake is refused or times
     * out ({@link #describeFailure} says which, without the token); once open, the socket reports to
     * {@code listener} on its event loop.
     */
    Future<BrokerSocket> connect(String accessToken, Duration timeout, BrokerSocket.Listener listener);

    /**
     * How long an open socket may go without any frame (ticks or heartbeats) before the pool drops it, given
     * FEED_HEARTBEAT_TIMEOUT. Kite's server sends a heartbeat every second, so the configured value applies as is; a
     * broker whose server only answers our pings (Angel) needs at least two ping intervals.
     */
    default Duration heartbeatTimeout(Duration configured) {
        return configured;
    }

    /**
     * Whether an error the open socket reported is the broker refusing it for the api_key's connection limit (Kite:
     * "Maximum number of open connections"), which after a leader change means the previous leader's sockets are
     * still open: the socket is closed by the broker and retried with the usual backoff.
     */
    default boolean connectionLimitError(String message) {
        return false;
    }

    /** A connect failure in our terms; never holds the token. */
    ConnectFailure describeFailure(Throwable failure);

    /** Today's instruments, each with its symbol ({@code EXCHANGE:TRADINGSYMBOL}) and exchange segment. */
    List<BrokerInstrument> instruments(String accessToken) throws BrokerCallException;

    /** Latest full quotes of {@code symbols} (at most {@link BrokerLimits#instrumentsPerQuoteCall()}). */
    List<BrokerQuote> quotes(String accessToken, List<String> symbols) throws BrokerCallException;

    /**
     * Instruments of the broker's last daily list that have no client symbol and were left out (Angel's master maps
     * to Kite's names; an instrument with no such name cannot be subscribed). Kite's list needs no mapping: none.
     */
    default Unmapped unmapped() {
        return Unmapped.NONE;
    }

    /** How many instruments were left out of the last list, with up to 10 examples as the broker names them. */
    record Unmapped(int count, List<String> examples) {
        public static final Unmapped NONE = new Unmapped(0, List.of());
    }

    /**
     * Why a connect failed: the HTTP status of a refused handshake (0: not an HTTP refusal), whether the broker
     * refused the token itself (Kite: 403), and a description safe to log.
     */
    record ConnectFailure(int status, boolean tokenRejected, String description) {}
}
