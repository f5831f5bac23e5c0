package io.tickwarden.feed.broker.angel;

import io.smallrye.common.annotation.Identifier;
import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerCallException;
import io.tickwarden.feed.broker.BrokerInstrument;
import io.tickwarden.feed.broker.BrokerLimits;
import io.tickwarden.feed.broker.BrokerQuote;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.config.AngelSettings;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.service.FeedMetrics;
import io.vertx.core.Future;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Angel One SmartAPI behind the broker port (BROKER=angel): WebSocket 2.0 ({@link AngelStreamClient}, decoder
 * {@link AngelPacketDecoder}), the quote endpoint for the fallback and the instrument master mapped to Kite-style
 * symbols ({@link AngelSymbols}), so clients see the same names as with Kite. Limits per client code: 3 sockets,
 * 1,000 tokens per socket, 50 tokens per quote call, and 1 quote call per second, a conservative rate well below
 * what Angel publishes for market data (lower ones may be configured, never higher). The "access token" is the JSON
 * of {@link AngelSessionCredential} that auth-service seals; it is parsed here and never logged.
 */
@Singleton
@Identifier("angel")
public class AngelBroker implements Broker {

    private static final Logger LOG = Logger.getLogger(AngelBroker.class);
    static final BrokerLimits ANGEL = new BrokerLimits(3, 1000, 50, 1.0);

    private final AngelSettings settings;
    private final AngelStreamClient stream;
    private final AngelRest rest;
    private final AngelFrameDecoding frames;
    private final FeedMetrics metrics;
    private final BrokerLimits limits;
    private volatile Map<String, Long> bySymbol = Map.of();
    private volatile Set<Long> indices = Set.of();
    private volatile Unmapped unmapped = Unmapped.NONE;

    AngelBroker(
            AngelSettings settings,
            AngelStreamClient stream,
            AngelRest rest,
            AngelFrameDecoding frames,
            FeedMetrics metrics,
            FeedConfig config) {
        this.settings = settings;
        this.stream = stream;
        this.rest = rest;
        this.frames = frames;
        this.metrics = metrics;
        this.limits = new BrokerLimits(
                Math.min(ANGEL.socketsPerKey(), config.maxSockets()),
                Math.min(ANGEL.instrumentsPerSocket(), config.maxInstrumentsPerSocket()),
                Math.min(ANGEL.instrumentsPerQuoteCall(), config.restBatchSize()),
                Math.min(
                        ANGEL.quoteRequestsPerSecond(),
                        1000.0 / Math.max(1, config.restMinSpacing().toMillis())));
    }

    @Override
    public String name() {
        return "angel";
    }

    /** Angel counts sockets per client code; the quote permit is keyed by it too. */
    @Override
    public String accountKey() {
        return settings.clientCode().isBlank() ? settings.apiKey() : settings.clientCode();
    }

    @Override
    public BrokerLimits limits() {
        return limits;
    }

    /** Angel's server only answers our ping: two missed pongs (20 s with the 10 s ping) and the socket is dead. */
    @Override
    public Duration heartbeatTimeout(Duration configured) {
        Duration twoPings = settings.pingInterval().multipliedBy(2);
        return twoPings.compareTo(configured) > 0 ? twoPings : configured;
    }

    @Override
    public Future<BrokerSocket> connect(String accessToken, Duration timeout, BrokerSocket.Listener listener) {
        AngelSessionCredential session;
        try {
            session = AngelCredentials.parse(accessToken, settings.clientCode());
        } catch (AngelCredentials.UnreadableCredentialException e) {
            return Future.failedFuture(e);
        }
        return stream.connect(session, timeout, listener);
    }

    @Override
    public ConnectFailure describeFailure(Throwable failure) {
        if (failure instanceof AngelCredentials.UnreadableCredentialException e) {
            return new ConnectFailure(0, false, e.getMessage());
        }
        return AngelStreamClient.describe(failure);
    }

    @Override
    public List<BrokerInstrument> instruments(String accessToken) throws BrokerCallException {
        AngelSymbols.Mapping mapping = AngelSymbols.map(rest.instruments());
        Map<String, Long> symbols = new HashMap<>(mapping.instruments().size() * 2);
        for (BrokerInstrument in : mapping.instruments()) {
            symbols.put(in.symbol(), in.token());
        }
        bySymbol = symbols;
        indices = Set.copyOf(mapping.indices());
        frames.indices(indices);
        metrics.instrumentsUnmapped(name(), mapping.unmapped());
        unmapped = new Unmapped(mapping.unmapped(), List.copyOf(mapping.examples()));
        if (mapping.unmapped() > 0) {
            LOG.warnf(
                    "Angel instrument master: %d instruments mapped to client symbols, %d left out (no Kite-style "
                            + "name), e.g. %s",
                    mapping.instruments().size(), mapping.unmapped(), mapping.examples());
        }
        return mapping.instruments();
    }

    @Override
    public Unmapped unmapped() {
        return unmapped;
    }

    @Override
    public List<BrokerQuote> quotes(String accessToken, List<String> symbols) throws BrokerCallException {
        AngelSessionCredential session;
        try {
            session = AngelCredentials.parse(accessToken, settings.clientCode());
        } catch (AngelCredentials.UnreadableCredentialException e) {
            throw new BrokerCallException(0, false, e.getMessage());
        }
        Map<Long, String> asked = new LinkedHashMap<>();
        Map<String, Long> known = bySymbol;
        for (String symbol : symbols) {
            Long token = known.get(symbol);
            if (token != null) {
                asked.put(token, symbol);
            }
        }
        List<BrokerQuote> out = new ArrayList<>(asked.size());
        List<Long> tokens = new ArrayList<>(asked.keySet());
        Set<Long> idx = indices;
        for (int i = 0; i < tokens.size(); i += ANGEL.instrumentsPerQuoteCall()) {
            List<Long> batch = tokens.subList(i, Math.min(tokens.size(), i + ANGEL.instrumentsPerQuoteCall()));
            out.addAll(AngelQuotes.toTicks(rest.quotes(session, batch), asked, idx::contains));
        }
        return out;
    }
}
