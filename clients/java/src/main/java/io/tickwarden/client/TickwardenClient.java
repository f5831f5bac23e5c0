package io.tickwarden.client;

import io.tickwarden.client.error.TickwardenException;
import io.tickwarden.client.state.Backoff;
import io.tickwarden.client.state.GatewayRotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client of the gateway's {@code /ws/market}. It keeps one connection open: on a retryable end (gateway restart,
 * network loss, slow-consumer close) it reconnects with jittered exponential backoff, resubscribes every symbol in
 * its mode and sends each symbol's position (the last {@code seq} received), so the gateway replays exactly the
 * ticks missed (flagged {@code recovered}) or, where it cannot, sends a snapshot. Given several gateway replicas
 * ({@link Builder#uris}), each failed connect or lost connection moves to the next one (round robin; see
 * {@link io.tickwarden.client.state.GatewayRotation}); recovery works across replicas, their history is shared in
 * Redis. Thread-safe; the listener runs on the client's own thread (see {@link TickwardenListener}).
 *
 * <pre>{@code
 * TickwardenClient client = TickwardenClient.builder()
 *         .uris(List.of(URI.create("ws://gw-a:8080"), URI.create("ws://gw-b:8080")))
 *         .apiKey(key).delivery(Delivery.ALL).listener(listener).build();
 * client.subscribe(List.of("NSE:INFY"), Mode.QUOTE);
 * client.connect();
 * }</pre>
 */
public final class TickwardenClient implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Where the client is. */
    public enum State {
        /** Built, {@link #connect()} not called yet. */
        NEW,
        /** First connection being made. */
        CONNECTING,
        CONNECTED,
        /** Waiting for the backoff, or making another connection. */
        RECONNECTING,
        /** Ended by a failure that retrying cannot fix ({@link #stoppedBy()} says which). */
        STOPPED,
        /** {@link #close()} was called. */
        CLOSED
    }

    private final ClientEngine engine;

    private TickwardenClient(ClientEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts connecting (once; later calls return the same future). The future completes when the first connection
     * is open, or fails with the {@link TickwardenException} that stopped the client (e.g. a wrong API key);
     * passing failures are retried and only reported to the listener.
     */
    public CompletableFuture<Void> connect() {
        engine.start();
        return engine.firstConnect.copy();
    }

    /**
     * Subscribes {@code symbols} in {@code mode} (or switches them to it); kept across reconnects. May be called
     * before {@link #connect()}.
     */
    public void subscribe(Collection<String> symbols, Mode mode) {
        engine.subscribe(symbols(symbols), Objects.requireNonNull(mode, "mode"));
    }

    /** Unsubscribes {@code symbols} and forgets their positions. */
    public void unsubscribe(Collection<String> symbols) {
        engine.unsubscribe(symbols(symbols));
    }

    /** The position of every subscribed symbol that has received a tick or snapshot: symbol to last {@code seq}. */
    public Map<String, Long> positions() {
        return engine.positions().all();
    }

    public State state() {
        return engine.state();
    }

    /** The gateway endpoint this client is connected to now, or empty while it is not connected. */
    public Optional<URI> gateway() {
        return Optional.ofNullable(engine.connectedTo());
    }

    /** What stopped the client, when {@link #state()} is {@link State#STOPPED}; else null. */
    public TickwardenException stoppedBy() {
        return engine.stoppedBy();
    }

    /** Closes the connection (1000) and stops reconnecting. The listener gets nothing more. */
    @Override
    public void close() {
        engine.close();
    }

    private List<String> symbols(Collection<String> symbols) {
        List<String> list = List.copyOf(symbols);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no symbols");
        }
        State s = engine.state();
        if (s == State.CLOSED || s == State.STOPPED) {
            throw new IllegalStateException("client is " + s
                    + (engine.stoppedBy() == null
                            ? ""
                            : ": " + engine.stoppedBy().getMessage()));
        }
        return list;
    }

    /** Settings of a client; {@link #uri} (or {@link #uris}), {@link #apiKey} and {@link #listener} are required. */
    public static final class Builder {

        private List<URI> uris;
        private String apiKey;
        private Delivery delivery = Delivery.LATEST;
        private TickwardenListener listener;
        private HttpClient http;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Backoff backoff = Backoff.of(Duration.ofMillis(250), Duration.ofSeconds(30));

        private Builder() {}

        /**
         * The gateway: {@code ws://host:8080} or {@code http://host:8080} (then {@code /ws/market} is added), or
         * the full WebSocket URI ({@code wss://host/ws/market}).
         */
        public Builder uri(URI uri) {
            this.uris = List.of(Objects.requireNonNull(uri, "uri"));
            return this;
        }

        /**
         * Several replicas of the gateway, each in any form {@link #uri} accepts. The client connects to the first;
         * a failed connect or a lost connection moves it to the next (round robin), where it resubscribes and
         * recovers by position; the backoff grows only after a full round failed. To spread clients over the
         * replicas, give each client the list starting at a different one.
         */
        public Builder uris(List<URI> uris) {
            List<URI> list = List.copyOf(uris);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no gateway URIs");
            }
            this.uris = list;
            return this;
        }

        /** Sent as {@code Authorization: Bearer <key>} at the upgrade; never logged. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder delivery(Delivery delivery) {
            this.delivery = Objects.requireNonNull(delivery);
            return this;
        }

        public Builder listener(TickwardenListener listener) {
            this.listener = listener;
            return this;
        }

        /** Reconnect delays: exponential from {@code initial} to {@code max}, jittered (default 250 ms to 30 s). */
        public Builder backoff(Duration initial, Duration max) {
            this.backoff = Backoff.of(initial, max);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The JDK client to open connections with (proxy, TLS settings); default: a new one. */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        public TickwardenClient build() {
            Objects.requireNonNull(uris, "uri");
            Objects.requireNonNull(listener, "listener");
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is required (the gateway's GATEWAY_API_KEYS)");
            }
            ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tickwarden-client-" + THREADS.incrementAndGet());
                t.setDaemon(true); // a client left open does not keep the JVM alive
                return t;
            });
            List<URI> endpoints = uris.stream().map(u -> endpoint(u, delivery)).toList();
            return new TickwardenClient(new ClientEngine(
                    new GatewayRotation(endpoints, backoff),
                    apiKey,
                    http != null ? http : HttpClient.newHttpClient(),
                    connectTimeout,
                    listener,
                    loop));
        }

        /** {@code ws(s)://host[:port]/ws/market?delivery=...}, from any of the forms {@link #uri} accepts. */
        static URI endpoint(URI uri, Delivery delivery) {
            String scheme = switch (uri.getScheme() == null ? "" : uri.getScheme()) {
                case "ws", "http" -> "ws";
                case "wss", "https" -> "wss";
                default -> throw new IllegalArgumentException("gateway URI must be ws, wss, http or https: " + uri);
            };
            String path = uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/")
                    ? "/ws/market"
                    : uri.getRawPath();
            String query = (uri.getRawQuery() == null ? "" : uri.getRawQuery() + "&") + "delivery=" + delivery.wire();
            return URI.create(scheme + "://" + uri.getRawAuthority() + path + "?" + query);
        }
    }
}
