package io.tickwarden.bench.client;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The NATS client protocol over WebSocket, the few verbs a subscriber needs: CONNECT, SUB one subject per symbol,
 * answer PING with PONG, and parse {@code MSG <subject> <sid> [reply] <size>\r\n<payload>\r\n}, which the server
 * may split across or pack into WebSocket frames (so the parser keeps a byte buffer per connection).
 */
public final class NatsProtocol implements WireProtocol {

    private final Map<String, Integer> tokens;

    /** @param tokens symbol -> instrument token; subjects are {@code t.<token>} (see NatsBridge) */
    public NatsProtocol(Map<String, Integer> tokens) {
        this.tokens = tokens;
    }

    public static String subject(int token) {
        return "t." + token;
    }

    @Override
    public String uri() {
        return "/";
    }

    @Override
    public Handler<Buffer> open(WebSocket ws, ClientStats client, ReceiptRecorder recorder) {
        StringBuilder hello =
                new StringBuilder("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"name\":\"bench-"
                        + client.id + "\"}\r\n");
        int sid = 1;
        for (String s : client.symbols) {
            Integer token = tokens.get(s);
            if (token != null) {
                hello.append("SUB ")
                        .append(subject(token))
                        .append(' ')
                        .append(sid++)
                        .append("\r\n");
            }
        }
        hello.append("PING\r\n");
        ws.writeBinaryMessage(Buffer.buffer(hello.toString()));
        return new Parser(ws, client, recorder);
    }

    private static final class Parser implements Handler<Buffer> {
        private final WebSocket ws;
        private final ClientStats client;
        private final ReceiptRecorder recorder;
        private byte[] buf = new byte[64 * 1024];
        private int len;

        Parser(WebSocket ws, ClientStats client, ReceiptRecorder recorder) {
            this.ws = ws;
            this.client = client;
            this.recorder = recorder;
        }

        @Override
        public void handle(Buffer data) {
            long now = System.nanoTime();
            client.messages++;
            int n = data.length();
            if (len + n > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            data.getBytes(0, n, buf, len);
            len += n;
            int pos = 0;
            int ticks = 0;
            while (true) {
                int eol = crlf(pos);
                if (eol < 0) {
                    break;
                }
                if (buf[pos] == 'M') { // MSG subject sid [reply] size
                    int size = lastNumber(pos, eol);
                    int payload = eol + 2;
                    if (payload + size + 2 > len) {
                        break; // wait for the rest of the payload
                    }
                    ticks += recorder.recording()
                            ? TickScanner.scan(buf, payload, payload + size, (t, v) -> recorder.record(t, v, now))
                            : TickScanner.scan(buf, payload, payload + size, null);
                    pos = payload + size + 2;
                    continue;
                }
                if (buf[pos] == 'P' && pos + 1 < len && buf[pos + 1] == 'I') { // PING
                    ws.writeBinaryMessage(Buffer.buffer("PONG\r\n"));
                } else if (buf[pos] == '-') {
                    client.errorsReceived++;
                }
                pos = eol + 2;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
            }
            if (ticks > 0) {
                client.onTickMessage(now, ticks);
            }
        }

        private int crlf(int from) {
            for (int i = from; i + 1 < len; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private int lastNumber(int from, int eol) {
            int i = eol - 1;
            while (i > from && buf[i] != ' ') {
                i--;
            }
            return Integer.parseInt(new String(buf, i + 1, eol - i - 1, StandardCharsets.US_ASCII));
        }
    }
}
