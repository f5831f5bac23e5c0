package io.tickwarden.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer: it completes the upgrade, sends masked text
 * frames (whole or fragmented, of any length), and reads only when told to, so it can play a client that stopped
 * reading or one that sends more than the server accepts.
 */
public final class RawWsClient implements AutoCloseable {

    public static final int OPCODE_CONTINUATION = 0x0;
    public static final int OPCODE_TEXT = 0x1;

    private final Socket socket = new Socket();
    private volatile String closeReason;
    private final java.util.List<String> texts = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RawWsClient(int port, String token) throws IOException {
        this(port, token, null);
    }

    /** @param query more query parameters of the upgrade, e.g. {@code delivery=all} (null: none) */
    public RawWsClient(int port, String token, String query) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String request = "GET /ws/market?token=" + token + (query == null ? "" : "&" + query)
                + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String status = readHeaders(socket.getInputStream());
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed during upgrade");
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(OPCODE_TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code text} as one message split into {@code fragments} frames of (nearly) equal size: a text frame
     * followed by continuation frames, the last one final, as client libraries do for large messages.
     */
    public void sendFragmentedText(String text, int fragments) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int size = (payload.length + fragments - 1) / fragments;
        for (int i = 0, from = 0; i < fragments; i++, from += size) {
            int to = Math.min(payload.length, from + size);
            sendFrame(
                    i == 0 ? OPCODE_TEXT : OPCODE_CONTINUATION,
                    i == fragments - 1,
                    java.util.Arrays.copyOfRange(payload, from, to));
        }
    }

    /** Sends one masked frame of any length (7-, 16- or 64-bit length encoding, as RFC 6455 requires). */
    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(0x80 | 127);
            long len = payload.length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (len >> shift) & 0xff);
            }
        }
        byte[] mask = {1, 2, 3, 4};
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i % 4]);
        }
        OutputStream out = socket.getOutputStream();
        out.write(f.toByteArray());
        out.flush();
    }

    /** The text messages {@link #drainUntilClosed} read, in order. */
    public java.util.List<String> texts() {
        return texts;
    }

    /** The reason of the close frame {@link #drainUntilClosed} returned, or null. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * Reads frames until a close frame or the end of the stream; returns the close code, or -1 when the server
     * ended the connection without a close frame reaching us.
     */
    public int drainUntilClosed(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            for (; ; ) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] payload = in.readNBytes((int) len);
                if ((b0 & 0x0f) == 0x8) {
                    closeReason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
                            : null;
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
                int opcode = b0 & 0x0f;
                if (opcode == OPCODE_TEXT || opcode == OPCODE_CONTINUATION) {
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        texts.add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        } catch (SocketTimeoutException e) {
            throw new IOException("connection still open after " + timeoutMillis + " ms", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
