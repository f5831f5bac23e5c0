package io.tickwarden.bench.latency;

import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.TickScanner;
import java.io.IOException;
import java.net.Socket;

/**
 * One subscriber on Redis {@code feed.ticks} inside the bench, recording receipts like a client does: it splits the
 * end-to-end latency into kite-sim -> feed-service -> Redis and the fan-out hop after Redis (gateway or NATS).
 */
public final class RedisTap implements AutoCloseable {

    private final ReceiptRecorder recorder = new ReceiptRecorder();
    private final Socket socket;
    private final Thread thread;

    public RedisTap(int redisPort) throws IOException {
        socket = FeedTicksSubscriber.subscribe(redisPort);
        thread = Thread.ofPlatform().daemon().name("redis-tap").start(() -> {
            try {
                FeedTicksSubscriber.pump(socket, data -> {
                    long now = System.nanoTime();
                    TickScanner.scan(data, 0, data.length, (t, v) -> recorder.record(t, v, now));
                });
            } catch (IOException | RuntimeException e) {
                // closed at the end of the phase (or Redis went away): the tap just stops
            }
        });
    }

    public ReceiptRecorder recorder() {
        return recorder;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
