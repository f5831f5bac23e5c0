package io.tickwarden.bench.pubsub;

import io.tickwarden.contracts.feed.FeedRedisNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One {@code SUBSCRIBE feed.ticks} connection standing in for a gateway replica: raw RESP over a socket on a
 * platform thread of its own, reading only each message's head ({@link PushReader}), so the bench spends far less
 * CPU per message than Redis does and the two cores measure Redis. Records publish-to-receive latency (the
 * publisher's stamp against {@link System#nanoTime()} when the whole message has been read) into an HdrHistogram
 * recorder, and counts messages and ticks.
 */
public final class RawSubscriber implements AutoCloseable {

    private final Socket socket;
    private final long base;
    private final Window window;
    private final Recorder latencyNanos = new Recorder(3);
    private final LongAdder messages = new LongAdder();
    private final LongAdder ticks = new LongAdder();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile String failure;
    private final Thread thread;

    /** Connects and subscribes; {@code base} is the {@link System#nanoTime()} the publisher's stamps count from. */
    public RawSubscriber(String host, int port, long base, Window window, String name) throws IOException {
        this.base = base;
        this.window = window;
        this.socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        OutputStream out = socket.getOutputStream();
        String channel = FeedRedisNames.TICKS_CHANNEL;
        out.write(("*2\r\n$9\r\nSUBSCRIBE\r\n$" + channel.length() + "\r\n" + channel + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    private void loop() {
        try {
            PushReader reader = new PushReader(new BufferedInputStream(socket.getInputStream(), 1 << 18), 160);
            while (true) {
                PushReader.Push push = reader.next();
                long now = System.nanoTime() - base;
                if ("subscribe".equals(push.kind())) {
                    subscribed.set(true);
                    continue;
                }
                if (!"message".equals(push.kind())) {
                    continue;
                }
                BatchHeader h = BatchHeader.parse(push.head(), push.headLength());
                if (h == null || !window.contains(h.stampNanos())) {
                    continue;
                }
                latencyNanos.recordValue(Math.max(0, now - h.stampNanos()));
                messages.increment();
                ticks.add(h.count());
            }
        } catch (IOException | RuntimeException e) {
            if (!closing.get()) {
                failure = e.toString();
            }
        }
    }

    public boolean subscribed() {
        return subscribed.get();
    }

    public long messages() {
        return messages.sum();
    }

    public long ticks() {
        return ticks.sum();
    }

    /** Latencies of the window's messages (call once, after they have all arrived). */
    public org.HdrHistogram.Histogram takeLatencies() {
        return latencyNanos.getIntervalHistogram();
    }

    /** Why the connection ended before {@link #close} (Redis dropping a slow subscriber shows here), or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        closing.set(true);
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
