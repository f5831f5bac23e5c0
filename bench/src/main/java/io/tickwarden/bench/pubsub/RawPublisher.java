package io.tickwarden.bench.pubsub;

import io.tickwarden.contracts.feed.FeedRedisNames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@code feed.ticks} like the feed's leader: every {@code step} one market step's messages
 * ({@link TickMessages#step}), back to back on one connection, each stamped just before it is written. Replies
 * (the number of receivers) are read on a second thread so the socket never blocks on them. If a step's messages
 * take longer than the step, the next step starts late and the published rate falls short of the target, which
 * {@link Saturation} reports as the bench, not Redis, falling behind.
 */
public final class RawPublisher implements AutoCloseable {

    private final Socket socket;
    private final List<TickMessages.Template> step;
    private final Duration interval;
    private final long base;
    private final Window window;
    private final byte[] prefix;
    private final LongAdder messages = new LongAdder();
    private final LongAdder ticks = new LongAdder();
    private final LongAdder replies = new LongAdder();
    private final LongAdder receivers = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile String failure;
    private final Thread writer;
    private final Thread reader;

    public RawPublisher(
            String host,
            int port,
            List<TickMessages.Template> step,
            Duration interval,
            long base,
            Window window,
            String name)
            throws IOException {
        this.window = window;
        this.socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSendBufferSize(1 << 20);
        this.step = step;
        this.interval = interval;
        this.base = base;
        String channel = FeedRedisNames.TICKS_CHANNEL;
        this.prefix = ("*3\r\n$7\r\nPUBLISH\r\n$" + channel.length() + "\r\n" + channel + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.reader = Thread.ofPlatform().daemon().name(name + "-replies").start(this::readReplies);
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::publish);
    }

    private void publish() {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 17);
            long next = System.nanoTime();
            while (running.get()) {
                for (TickMessages.Template t : step) {
                    long stamp = System.nanoTime() - base;
                    TickMessages.stamp(t, stamp);
                    out.write(prefix);
                    out.write(('$' + Integer.toString(t.json().length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(t.json());
                    out.write('\r');
                    out.write('\n');
                    out.flush();
                    if (window.contains(stamp)) {
                        messages.increment();
                        ticks.add(t.ticks());
                    }
                }
                next += interval.toNanos();
                // Pacing, not waiting for an event: the next market step is due at a fixed time.
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    next = System.nanoTime(); // behind: do not burst to catch up, the rate falls short instead
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                failure = e.toString();
            }
        }
    }

    private void readReplies() {
        try {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String l = line.toString().trim();
                    line.setLength(0);
                    if (l.startsWith(":")) {
                        replies.increment();
                        receivers.add(Long.parseLong(l.substring(1)));
                    } else if (l.startsWith("-")) {
                        failure = "Redis refused a PUBLISH: " + l;
                    }
                } else {
                    line.append((char) b);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                failure = e.toString();
            }
        }
    }

    /** Messages stamped inside the window. */
    public long messages() {
        return messages.sum();
    }

    public long ticks() {
        return ticks.sum();
    }

    public long replies() {
        return replies.sum();
    }

    /** Sum of PUBLISH replies: how many subscribers each message reached, added up. */
    public long receivers() {
        return receivers.sum();
    }

    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        running.set(false);
        try {
            writer.join(5000);
            socket.close();
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
