package io.tickwarden.bench.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.bench.latency.FeedTicksSubscriber;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The peer's feed: subscribes to Redis {@code feed.ticks} (the very stream the gateway fans out) and publishes each
 * tick to the NATS subject {@code t.<instrument_token>}. Runs as its own process ({@code java -cp bench.jar
 * io.tickwarden.bench.nats.NatsBridge <redisPort> <natsPort>}) so its CPU is measured apart from the clients'.
 * It speaks RESP and the NATS protocol over plain sockets: a handful of lines, no client library.
 */
public final class NatsBridge {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int redisPort = Integer.parseInt(args[0]);
        int natsPort = Integer.parseInt(args[1]);
        try (Socket nats = new Socket()) {
            nats.connect(new InetSocketAddress("127.0.0.1", natsPort), 5000);
            nats.setTcpNoDelay(true);
            OutputStream natsOut = new BufferedOutputStream(nats.getOutputStream(), 1 << 20);
            synchronized (natsOut) {
                natsOut.write("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"bridge\"}\r\nPING\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                natsOut.flush();
            }
            Thread.ofPlatform().daemon().start(() -> answerPings(nats, natsOut));
            // Bounded retries: the parent bench kills this process at the end of the peer run anyway.
            for (int attempt = 0; attempt < 600; attempt++) {
                try {
                    relay(redisPort, natsOut);
                } catch (IOException e) {
                    System.err.println("bridge: redis connection lost: " + e);
                }
                Thread.sleep(500);
            }
        }
    }

    private static void relay(int redisPort, OutputStream natsOut) throws IOException {
        try (Socket redis = FeedTicksSubscriber.subscribe(redisPort)) {
            FeedTicksSubscriber.pump(redis, batch -> publish(batch, natsOut));
        }
    }

    private static void publish(byte[] batch, OutputStream out) throws IOException {
        JsonNode root = JSON.readTree(batch);
        JsonNode ticks = root.has("ticks") ? root.get("ticks") : root;
        synchronized (out) {
            for (JsonNode tick : ticks) {
                long token = tick.path("instrument_token").asLong(-1);
                if (token < 0) {
                    continue;
                }
                byte[] payload = JSON.writeValueAsBytes(tick);
                out.write(("PUB t." + token + " " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(payload);
                out.write('\r');
                out.write('\n');
            }
            out.flush();
        }
    }

    private static void answerPings(Socket nats, OutputStream out) {
        try {
            InputStream in = nats.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    if (line.toString().startsWith("PING")) {
                        synchronized (out) {
                            out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    } else if (line.toString().startsWith("-ERR")) {
                        System.err.println("bridge: nats " + line);
                    }
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // NATS went away: the process ends with the run
        }
    }
}
