package io.tickwarden.bench.client;

import io.tickwarden.client.Delivery;
import io.tickwarden.client.Mode;
import io.tickwarden.client.Snapshot;
import io.tickwarden.client.TickwardenClient;
import io.tickwarden.client.TickwardenListener;
import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak's regular clients: the gateway's own Java client library ({@code clients/java}) with
 * {@code delivery=all}, so every tick is delivered and a reconnect (a gateway restart, a slow-consumer close)
 * recovers the missed ticks by position. Each client keeps the receipts the soak's invariants read
 * ({@link ClientStats}) and a {@link RecoveryLedger} that checks, from the sequence numbers, that nothing was missed
 * or received twice.
 */
public final class RecoveringClients implements ClientGroup, AutoCloseable {

    private final List<ClientStats> stats = new ArrayList<>();
    private final List<RecoveryLedger> ledgers = new ArrayList<>();
    private final List<TickwardenClient> clients = new ArrayList<>();

    public RecoveringClients(String gatewayWsBase, String apiKey, List<List<String>> subscriptions) {
        this(List.of(gatewayWsBase), apiKey, subscriptions);
    }

    /**
     * Clients given every gateway replica, spread over them: client {@code i} starts on replica {@code i mod n} and
     * moves on to the next one when its gateway fails.
     */
    public RecoveringClients(List<String> gatewayWsBases, String apiKey, List<List<String>> subscriptions) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<URI> gateways = gatewayWsBases.stream().map(URI::create).toList();
        for (int i = 0; i < subscriptions.size(); i++) {
            List<URI> mine = new ArrayList<>(gateways);
            java.util.Collections.rotate(mine, -(i % gateways.size()));
            ClientStats s = new ClientStats(i, subscriptions.get(i));
            RecoveryLedger ledger = new RecoveryLedger();
            stats.add(s);
            ledgers.add(ledger);
            TickwardenClient c = TickwardenClient.builder()
                    .uris(mine)
                    .apiKey(apiKey)
                    .delivery(Delivery.ALL)
                    .httpClient(http)
                    .listener(new Recorder(s, ledger))
                    .build();
            c.subscribe(subscriptions.get(i), Mode.QUOTE);
            clients.add(c);
        }
    }

    /** Connects every client; returns how many are open after {@code timeout}. */
    public int connectAll(Duration timeout) {
        List<CompletableFuture<Void>> started =
                clients.stream().map(TickwardenClient::connect).toList();
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Counted below: the soak reports how many opened.
        }
        return (int) stats.stream().filter(ClientStats::open).count();
    }

    @Override
    public List<ClientStats> stats() {
        return stats;
    }

    public List<RecoveryLedger> ledgers() {
        return ledgers;
    }

    /** The port of the gateway client {@code i} is connected to now, or -1 while it is not connected. */
    public int gatewayPort(int i) {
        return clients.get(i).gateway().map(URI::getPort).orElse(-1);
    }

    /** What the soak is doing now (the fault being injected), so holes are attributed to it. */
    public void label(String label) {
        ledgers.forEach(l -> l.label(label));
    }

    @Override
    public void close() {
        clients.forEach(TickwardenClient::close);
    }

    private static final class Recorder implements TickwardenListener {

        private final ClientStats stats;
        private final RecoveryLedger ledger;

        Recorder(ClientStats stats, RecoveryLedger ledger) {
            this.stats = stats;
            this.ledger = ledger;
        }

        @Override
        public void onTick(FeedTick tick, boolean recovered) {
            stats.onTickMessage(System.nanoTime(), 1);
            ledger.tick(tick.symbol(), tick.seq(), recovered);
        }

        @Override
        public void onSnapshot(Snapshot snapshot) {
            snapshot.quotes().forEach(q -> ledger.snapshot(q.symbol(), q.seq()));
        }

        @Override
        public void onRecovery(GatewayMessages.Recovery recovery) {
            ledger.recovery(recovery.recovered(), recovery.reason());
        }

        @Override
        public void onConnected(boolean reconnected) {
            stats.open = true;
            stats.connects++;
        }

        @Override
        public void onDisconnected(TickwardenException cause, boolean reconnecting) {
            stats.onClose(cause.closeCode().orElse(1006));
        }
    }
}
