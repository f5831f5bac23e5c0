package io.tickwarden.bench.pubsub;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads RESP2 replies and pub/sub pushes from a subscriber's socket: arrays of bulk strings and integers. The last
 * bulk string of an array (a message's payload) is kept only up to {@code headBytes} and the rest skipped, so
 * reading a 90 KB message costs a copy of its head, not a parse of its body.
 */
public final class PushReader {

    /** One array: its first element as text (e.g. {@code message}, {@code subscribe}), the payload's head. */
    public record Push(String kind, byte[] head, int headLength, int payloadLength) {}

    private final InputStream in;
    private final byte[] head;

    public PushReader(InputStream in, int headBytes) {
        this.in = in;
        this.head = new byte[headBytes];
    }

    /** The next array; a reply that is not an array (e.g. {@code -ERR}) is an IOException with its text. */
    public Push next() throws IOException {
        int type = read();
        String line = line();
        if (type != '*') {
            throw new IOException("expected a RESP array, got " + (char) type + line);
        }
        int n = Integer.parseInt(line);
        String kind = null;
        int headLength = 0;
        int payloadLength = 0;
        for (int i = 0; i < n; i++) {
            int t = read();
            String l = line();
            if (t == ':') {
                continue;
            }
            if (t != '$') {
                throw new IOException("unexpected RESP element " + (char) t + l);
            }
            int len = Integer.parseInt(l);
            if (len < 0) {
                continue; // a null bulk string has no data and no CRLF of its own
            }
            if (i == 0) {
                kind = new String(in.readNBytes(len), java.nio.charset.StandardCharsets.US_ASCII);
            } else if (i == n - 1) {
                headLength = Math.min(len, head.length);
                readFully(head, headLength);
                in.skipNBytes(len - headLength);
                payloadLength = len;
            } else {
                in.skipNBytes(len);
            }
            crlf();
        }
        return new Push(kind, head, headLength, payloadLength);
    }

    private void readFully(byte[] b, int len) throws IOException {
        int off = 0;
        while (off < len) {
            int r = in.read(b, off, len - off);
            if (r < 0) {
                throw new EOFException();
            }
            off += r;
        }
    }

    private void crlf() throws IOException {
        if (read() != '\r' || read() != '\n') {
            throw new IOException("RESP element not followed by CRLF");
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("Redis closed the connection");
        }
        return b;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = read(); b != '\r'; b = read()) {
            sb.append((char) b);
        }
        if (read() != '\n') {
            throw new IOException("RESP line not ended by CRLF");
        }
        return sb.toString();
    }
}
