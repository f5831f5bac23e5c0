package io.tickwarden.client.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real WebSocket server of a few lines (RFC 6455 upgrade, unmasking of client text frames), standing in for a
 * gateway in the client's own tests: it records the text messages each connection sent and can drop every
 * connection (TCP close without a close frame, like a killed gateway). Not a gateway: it never answers.
 */
public final class TinyWsServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** One entry per accepted upgrade: the messages received on it. */
    public final List<List<String>> connections = new CopyOnWriteArrayList<>();

    public TinyWsServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tiny-ws-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
    }

    /** A URI on which nothing listens (a port bound, then released): connects are refused. */
    public static URI deadUri() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("ws://127.0.0.1:" + s.getLocalPort());
        }
    }

    /** Drops every open connection at once. */
    public void dropAll() {
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "tiny-ws-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String key = null;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept = Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> messages = new CopyOnWriteArrayList<>();
            connections.add(messages);
            open.add(s);
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return;
                }
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = (in.read() << 8) | in.read();
                } else if (len == 127) {
                    len = 0;
                    for (int i = 0; i < 8; i++) {
                        len = (len << 8) | in.read();
                    }
                }
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes((int) len);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if ((b0 & 0x0f) == 1) {
                    messages.add(new String(payload, StandardCharsets.UTF_8));
                } else if ((b0 & 0x0f) == 8) {
                    return;
                }
            }
        } catch (Exception e) {
            // the connection ended
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        dropAll();
        server.close();
    }
}
