package io.tickwarden.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A client that truly stops reading: a plain socket with a tiny receive buffer that subscribes and then never
 * reads (a Vert.x client, even paused, keeps draining the socket into its own buffers). After the wait it reads
 * what the server left and looks for the close frame's status code.
 */
final class RawStalledClient implements AutoCloseable {

    private final Socket socket = new Socket();

    RawStalledClient(int port, String apiKey, List<String> symbols, String mode) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        out.write(("GET /ws/market?token=" + apiKey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(nonce)
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        int matched = 0;
        socket.setSoTimeout(5000);
        while (matched < 4) { // end of the upgrade response
            int c = in.read();
            if (c < 0) {
                throw new IOException("upgrade refused");
            }
            matched = (c == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String json = "{\"action\":\"subscribe\",\"mode\":\"" + mode + "\",\"symbols\":["
                + symbols.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
        writeMaskedText(out, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads everything the server sent (up to {@code timeoutMs} of quiet) and returns the close code, or -1. */
    int drainAndFindCloseCode(long timeoutMs) throws IOException {
        socket.setSoTimeout((int) timeoutMs);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            int n;
            while ((n = socket.getInputStream().read(buf)) > 0 && all.size() < 256 << 20) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the server has not closed
        } catch (IOException e) {
            // reset after the close
        }
        byte[] b = all.toByteArray();
        int i = 0;
        while (i + 2 <= b.length) {
            int op = b[i] & 0x0f;
            long len = b[i + 1] & 0x7f;
            int off = i + 2;
            if (len == 126) {
                if (off + 2 > b.length) {
                    break;
                }
                len = ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
                off += 2;
            } else if (len == 127) {
                if (off + 8 > b.length) {
                    break;
                }
                len = 0;
                for (int k = 0; k < 8; k++) {
                    len = (len << 8) | (b[off + k] & 0xff);
                }
                off += 8;
            }
            if (op == 8 && len >= 2 && off + 2 <= b.length) {
                return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
            }
            i = (int) (off + len);
        }
        return -1;
    }

    private static void writeMaskedText(OutputStream out, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else {
            f.write(0x80 | 126);
            f.write(n >>> 8);
            f.write(n & 0xff);
        }
        f.write(mask);
        for (int i = 0; i < n; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
