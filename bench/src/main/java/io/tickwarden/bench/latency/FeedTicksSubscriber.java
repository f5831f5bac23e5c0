package io.tickwarden.bench.latency;

import io.tickwarden.contracts.feed.FeedRedisNames;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare RESP subscriber on Redis {@code feed.ticks}, shared by the bench's two readers of the stream (the latency
 * tap and the NATS bridge): a plain socket and a few lines of protocol, so no client library's threads or
 * buffering sit between Redis and the receipt time.
 */
public final class FeedTicksSubscriber {

    /** Gets each message's payload, on the reading thread. */
    @FunctionalInterface
    public interface Payloads {
        void accept(byte[] payload) throws IOException;
    }

    private FeedTicksSubscriber() {}

    /** Connects, subscribes, and returns the connected socket; {@link #pump} then reads it. */
    public static Socket subscribe(int redisPort) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 2000);
        String channel = FeedRedisNames.TICKS_CHANNEL;
        socket.getOutputStream()
                .write(("*2\r\n$9\r\nSUBSCRIBE\r\n$" + channel.length() + "\r\n" + channel + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Reads pushes until the socket fails or closes, handing each message's payload to {@code payloads}. */
    public static void pump(Socket socket, Payloads payloads) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 20);
        while (true) {
            Object[] push = readArray(in);
            if (push.length == 3 && "message".equals(push[0])) {
                payloads.accept((byte[]) push[2]);
            }
        }
    }

    /** One RESP array of bulk strings (strings for the first two, the payload as bytes) or integers. */
    private static Object[] readArray(InputStream in) throws IOException {
        String header = readLine(in);
        if (header.isEmpty() || header.charAt(0) != '*') {
            return new Object[0];
        }
        int n = Integer.parseInt(header.substring(1));
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            String h = readLine(in);
            if (h.charAt(0) == '$') {
                int len = Integer.parseInt(h.substring(1));
                byte[] data = in.readNBytes(len);
                in.readNBytes(2);
                out[i] = i < 2 ? new String(data, StandardCharsets.UTF_8) : data;
            } else {
                out[i] = h.substring(1);
            }
        }
        return out;
    }

    private static String readLine(InputStream in) throws IOException {
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
}
