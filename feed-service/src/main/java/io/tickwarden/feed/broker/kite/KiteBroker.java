package io.tickwarden.feed.broker.kite;

import com.zerodhatech.models.Instrument;
import io.smallrye.common.annotation.Identifier;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.broker.BrokerInstrument;
import io.tickwarden.feed.broker.BrokerLimits;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.config.KiteSettings;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Zerodha Kite behind the broker port: the ticker protocol (our {@link KiteTickerClient} and decoder on Vert.x),
 * REST through the official kiteconnect client, and Kite's limits per api_key: 3 sockets, 3,000 instruments per
 * socket, 500 instruments per quote call, 1 quote call per second (lower ones may be configured, never higher).
 */
@Singleton
@Identifier("kite")
public class KiteBroker implements Broker {

    static final BrokerLimits KITE = new BrokerLimits(3, 3000, 500, 1.0);

    private final KiteSettings settings;
    private final KiteTickerClient ticker;
    private final KiteRest rest;
    private final BrokerLimits limits;

    KiteBroker(KiteSettings settings, KiteTickerClient ticker, KiteRest rest, FeedConfig config) {
        this.settings = settings;
        this.ticker = ticker;
        this.rest = rest;
        this.limits = new BrokerLimits(
                Math.min(KITE.socketsPerKey(), config.maxSockets()),
                Math.min(KITE.instrumentsPerSocket(), config.maxInstrumentsPerSocket()),
                Math.min(KITE.instrumentsPerQuoteCall(), config.restBatchSize()),
                Math.min(
                        KITE.quoteRequestsPerSecond(),
                        1000.0 / Math.max(1, config.restMinSpacing().toMillis())));
    }

    @Override
    public String name() {
        return "kite";
    }

    @Override
    public String accountKey() {
        return settings.apiKey();
    }

    @Override
    public BrokerLimits limits() {
        return limits;
    }

    @Override
    public Future<BrokerSocket> connect(String accessToken, Duration timeout, BrokerSocket.Listener listener) {
        return ticker.connect(accessToken, timeout, listener);
    }

    /** kite-sim and Kite send it as an error text frame after the handshake, then close the socket (1008). */
    @Override
    public boolean connectionLimitError(String message) {
        return message != null && message.contains("Maximum number of open connections");
    }

    @Override
    public ConnectFailure describeFailure(Throwable failure) {
        return KiteTickerClient.describe(failure);
    }

    @Override
    public List<BrokerInstrument> instruments(String accessToken) throws BrokerCallException {
        List<Instrument> all = rest.instruments(accessToken);
        List<BrokerInstrument> out = new ArrayList<>(all.size());
        for (Instrument in : all) {
            out.add(new BrokerInstrument(
                    in.instrument_token,
                    in.exchange + ":" + in.tradingsymbol,
                    in.exchange,
                    KiteSegments.of(in.exchange)));
        }
        return out;
    }

    @Override
    public List<BrokerQuote> quotes(String accessToken, List<String> symbols) throws BrokerCallException {
        return KiteQuotes.toTicks(rest.quotes(accessToken, symbols), ZoneId.systemDefault());
    }
}
