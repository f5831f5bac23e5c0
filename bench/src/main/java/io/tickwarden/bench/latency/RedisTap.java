package io.tickwarden.bench.latency;

import io.tickwarden.bench.client.ReceiptRecorder;
import io.tickwarden.bench.client.TickScanner;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One subscriber on Redis {@code feed.ticks} inside the bench, recording receipts like a client does: it splits the
 * end-to-end latency into kite-sim -> feed-service -> Redis and the fan-out hop after Redis (gateway or NATS).
 */
public final class RedisTap implements AutoCloseable {

    private final ReceiptRecorder recorder = new ReceiptRecorder();
    private final Socket socket = new Socket();
    private final Thread thread;

    public RedisTap(int redisPort) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 2000);
        socket.getOutputStream().write("*2\r\n$9\r\nSUBSCRIBE\r\n$10\r\nfeed.ticks\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 20);
        thread = Thread.ofPlatform().daemon().name("redis-tap").start(() -> {
            try {
                while (true) {
                    readPush(in);
                }
            } catch (IOException | RuntimeException e) {
                // closed at the end of the phase (or Redis went away): the tap just stops
            }
        });
    }

    public ReceiptRecorder recorder() {
        return recorder;
    }

    private void readPush(InputStream in) throws IOException {
        String header = line(in);
        if (header.isEmpty() || header.charAt(0) != '*') {
            return;
        }
        int n = Integer.parseInt(header.substring(1));
        for (int i = 0; i < n; i++) {
            String h = line(in);
            if (h.charAt(0) == '$') {
                int len = Integer.parseInt(h.substring(1));
                byte[] data = in.readNBytes(len);
                in.readNBytes(2);
                if (i == 2) {
                    long now = System.nanoTime();
                    TickScanner.scan(data, 0, data.length, (t, v) -> recorder.record(t, v, now));
                }
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("eof");
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
