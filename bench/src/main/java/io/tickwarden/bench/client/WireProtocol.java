package io.tickwarden.bench.client;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;

/** What a load client speaks on its socket: the gateway's JSON protocol or NATS over WebSocket. */
public interface WireProtocol {

    /** Path and query of the WebSocket upgrade. */
    String uri();

    /**
     * Called once the socket is open: sends the subscriptions and returns the handler of this connection's
     * messages (it may keep per-connection parser state).
     */
    Handler<Buffer> open(WebSocket ws, ClientStats client, ReceiptRecorder recorder);
}
