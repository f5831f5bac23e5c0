package io.tickwarden.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** The gateway's /ws/market: one subscribe message with the client's symbols and mode, then tick(s) messages. */
public final class GatewayProtocol implements WireProtocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final String mode;
    /** Diagnostics: remember which instruments each client received (to find subscriptions that never tick). */
    public static volatile boolean diagnose = Boolean.getBoolean("bench.diagnose");

    public GatewayProtocol(String apiKey, String mode) {
        this.apiKey = apiKey;
        this.mode = mode;
    }

    @Override
    public String uri() {
        return "/ws/market?token=" + apiKey;
    }

    @Override
    public Handler<Buffer> open(WebSocket ws, ClientStats client, ReceiptRecorder recorder) {
        if (!client.symbols.isEmpty()) {
            String symbols = client.symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
            ws.writeTextMessage("{\"action\":\"subscribe\",\"symbols\":[" + symbols + "],\"mode\":\"" + mode + "\"}");
        }
        return data -> {
            long now = System.nanoTime();
            client.messages++;
            byte[] b = data.getBytes();
            if (TickScanner.isGatewayTick(b)) {
                int n = diagnose
                        ? TickScanner.scan(b, 0, b.length, (token, volume) -> {
                            client.seenTokens.add(token);
                            recorder.record(token, volume, now);
                        })
                        : recorder.recording()
                                ? TickScanner.scan(
                                        b, 0, b.length, (token, volume) -> recorder.record(token, volume, now))
                                : TickScanner.scan(b, 0, b.length, null);
                client.onTickMessage(now, n);
            } else if (b.length > 16 && b[9] == 'e' && b[10] == 'r' && b[11] == 'r') {
                client.errorsReceived++;
            } else if (b.length > 16 && b[9] == 's' && b[10] == 'u' && b[11] == 'b') {
                onSubscribed(client, b);
            }
        };
    }

    /** Rare control message: parse it properly to learn which symbols the gateway accepted and why it refused. */
    private static void onSubscribed(ClientStats client, byte[] b) {
        try {
            JsonNode n = JSON.readTree(b);
            client.accepted = Math.max(0, client.accepted) + n.path("symbols").size();
            for (JsonNode r : n.path("rejected")) {
                client.rejections
                        .computeIfAbsent(r.path("reason").asText("?"), k -> new AtomicLong())
                        .incrementAndGet();
            }
        } catch (IOException e) {
            client.errorsReceived++;
        }
    }
}
