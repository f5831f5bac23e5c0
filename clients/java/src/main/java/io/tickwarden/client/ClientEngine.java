package io.tickwarden.client;

import io.tickwarden.client.error.GatewayErrorException;
import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.client.state.GatewayRotation;
import io.tickwarden.client.state.Positions;
import io.tickwarden.client.state.Subscriptions;
import io.tickwarden.client.wire.Connection;
import io.tickwarden.client.wire.Decoder;
import io.tickwarden.client.wire.Inbound;
import io.tickwarden.client.wire.Requests;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.gateway.GatewayMessages;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's state machine, run on its one thread ({@code loop}): connect, resubscribe with positions, dispatch
 * messages to the listener, and on a retryable end reconnect, to the next gateway of the list, after a backoff.
 * Everything but {@link #close()} and the volatile fields is touched by that thread only, so it needs no locks.
 */
final class ClientEngine implements Connection.Handler {

    private static final System.Logger LOG = System.getLogger("io.tickwarden.client");

    private final GatewayRotation gateways;
    private final String apiKey;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final TickwardenListener listener;
    private final ScheduledExecutorService loop;
    private final Decoder decoder = new Decoder();
    private final Positions positions = new Positions();
    private final Subscriptions subscriptions = new Subscriptions();
    final CompletableFuture<Void> firstConnect = new CompletableFuture<>();

    private volatile TickwardenClient.State state = TickwardenClient.State.NEW;
    private volatile Connection connection;
    private volatile TickwardenException stoppedBy;
    private volatile URI connectedTo;
    private ScheduledFuture<?> reconnect;
    private boolean everOpened;

    ClientEngine(
            GatewayRotation gateways,
            String apiKey,
            HttpClient http,
            Duration connectTimeout,
            TickwardenListener listener,
            ScheduledExecutorService loop) {
        this.gateways = gateways;
        this.apiKey = apiKey;
        this.http = http;
        this.connectTimeout = connectTimeout;
        this.listener = listener;
        this.loop = loop;
    }

    TickwardenClient.State state() {
        return state;
    }

    TickwardenException stoppedBy() {
        return stoppedBy;
    }

    Positions positions() {
        return positions;
    }

    /** The gateway endpoint of the open connection, or null while there is none. */
    URI connectedTo() {
        return connectedTo;
    }

    void start() {
        try {
            loop.execute(() -> {
                if (state == TickwardenClient.State.NEW) {
                    connect();
                }
            });
        } catch (RejectedExecutionException e) {
            firstConnect.completeExceptionally(new IllegalStateException("client closed"));
        }
    }

    void subscribe(List<String> symbols, Mode mode) {
        loop.execute(() -> {
            subscriptions.add(symbols, mode);
            Connection c = connection;
            if (c != null && c.isOpen()) {
                Requests.subscribe(symbols, mode, Map.of()).forEach(c::send);
            }
        });
    }

    void unsubscribe(List<String> symbols) {
        loop.execute(() -> {
            subscriptions.remove(symbols);
            positions.forget(symbols);
            Connection c = connection;
            if (c != null && c.isOpen()) {
                Requests.unsubscribe(symbols).forEach(c::send);
            }
        });
    }

    /** Any thread: closes the socket at once, then stops the loop once its current task is done. */
    synchronized void close() {
        if (state == TickwardenClient.State.CLOSED) {
            return;
        }
        state = TickwardenClient.State.CLOSED;
        Connection c = connection;
        connection = null;
        connectedTo = null;
        if (c != null) {
            c.close();
        }
        loop.execute(() -> {
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            firstConnect.completeExceptionally(new IllegalStateException("client closed"));
        });
        loop.shutdown();
    }

    private void connect() {
        if (state == TickwardenClient.State.CLOSED) {
            return;
        }
        state = everOpened ? TickwardenClient.State.RECONNECTING : TickwardenClient.State.CONNECTING;
        Connection c = new Connection(loop, this);
        connection = c;
        http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + apiKey)
                .connectTimeout(connectTimeout)
                .buildAsync(gateways.current(), c)
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        c.failed(failure);
                    }
                });
    }

    @Override
    public void opened(Connection c) {
        if (c != connection) {
            c.close();
            return;
        }
        state = TickwardenClient.State.CONNECTED;
        URI gateway = gateways.current();
        connectedTo = gateway;
        boolean reconnected = everOpened;
        everOpened = true;
        subscriptions
                .byMode()
                .forEach((mode, symbols) ->
                        Requests.subscribe(symbols, mode, positions.of(symbols)).forEach(c::send));
        LOG.log(Level.INFO, "connected to {0}{1}", gateway, reconnected ? " again; resubscribed with positions" : "");
        firstConnect.complete(null);
        safely(() -> listener.onConnected(gateway, reconnected));
    }

    @Override
    public void message(Connection c, String text) {
        if (c != connection) {
            return;
        }
        Inbound message;
        try {
            message = decoder.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "skipped a message: {0}", e.getMessage());
            return;
        }
        if (message instanceof Inbound.Ticks t) {
            for (FeedTick tick : t.ticks()) {
                track(tick);
                safely(() -> listener.onTick(tick, t.recovered()));
            }
        } else if (message instanceof Inbound.SnapshotMessage s) {
            s.snapshot().quotes().forEach(this::track);
            safely(() -> listener.onSnapshot(s.snapshot()));
        } else if (message instanceof Inbound.Status s) {
            gateways.served(); // the gateway served this connection: the next outage starts the backoff afresh
            safely(() -> listener.onStatus(s.status()));
        } else if (message instanceof Inbound.Subscribed s) {
            subscribed(s.subscribed());
        } else if (message instanceof Inbound.Error e) {
            GatewayErrorException error =
                    new GatewayErrorException(e.error().code(), e.error().message());
            LOG.log(Level.WARNING, error.getMessage());
            safely(() -> listener.onError(error));
        }
    }

    private void subscribed(GatewayMessages.Subscribed s) {
        if (s.rejected() != null && !s.rejected().isEmpty()) {
            List<String> refused =
                    s.rejected().stream().map(GatewayMessages.Rejection::symbol).toList();
            subscriptions.remove(refused);
            positions.forget(refused);
            LOG.log(Level.WARNING, "the gateway refused {0}; dropped from this client", s.rejected());
        }
        if (s.recovery() != null) {
            for (GatewayMessages.Recovery r : s.recovery()) {
                if (!r.recovered()) {
                    LOG.log(
                            Level.INFO,
                            "{0} not recovered ({1}: {2}); a snapshot follows",
                            r.symbol(),
                            r.reason(),
                            r.message());
                }
                safely(() -> listener.onRecovery(r));
            }
        }
        safely(() -> listener.onSubscribed(s));
    }

    private void track(FeedTick tick) {
        if (subscriptions.contains(tick.symbol())) {
            positions.advance(tick.symbol(), tick.seq());
        }
    }

    @Override
    public void ended(Connection c, TickwardenException cause) {
        if (c != connection) {
            return;
        }
        connection = null;
        connectedTo = null;
        boolean retry = cause.retryable() && state != TickwardenClient.State.CLOSED;
        if (retry) {
            URI from = gateways.current();
            Duration delay = gateways.failed();
            state = TickwardenClient.State.RECONNECTING;
            LOG.log(
                    Level.WARNING,
                    "{0} ({1}); next attempt on {2} in {3} ms",
                    cause.getMessage(),
                    from,
                    gateways.current(),
                    delay.toMillis());
            try {
                reconnect = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return; // closed meanwhile
            }
        } else if (state != TickwardenClient.State.CLOSED) {
            state = TickwardenClient.State.STOPPED;
            stoppedBy = cause;
            LOG.log(Level.ERROR, cause.getMessage());
            firstConnect.completeExceptionally(cause);
        }
        safely(() -> listener.onDisconnected(cause, retry));
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the listener threw; the client carries on", e);
        }
    }
}
