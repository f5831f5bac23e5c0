package io.tickwarden.gateway.ws;

import io.netty.buffer.Unpooled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes a message that is already UTF-8 as a WebSocket text message, straight from its bytes. websockets-next can
 * only send text from a {@code String}, which Vert.x encodes again for every connection (a 20 KB tick message to
 * 1000 clients is 20 MB of encoding per burst, all on the fan-out's thread); here the bytes go into the frames as
 * they are. It needs the connection's Vert.x socket, which websockets-next does not expose: {@link #socket} finds
 * it by reflection and returns empty when that fails (another Quarkus version), and the caller then falls back to
 * {@code sendText(String)}. Messages longer than the frame size are split into continuation frames, as Vert.x
 * does for its own text messages.
 */
final class Utf8TextFrames {

    private static final Logger LOG = Logger.getLogger(Utf8TextFrames.class);
    private static final Method WEB_SOCKET = find();

    private Utf8TextFrames() {}

    private static Method find() {
        try {
            Method m = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase")
                    .getDeclaredMethod("webSocket");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(
                    "tick messages are sent as strings, encoded once per client (no access to the Vert.x socket: %s);"
                            + " the fan-out works but costs more CPU: check Utf8TextFrames against this Quarkus version",
                    e.toString());
            return null;
        }
    }

    /** Whether the Vert.x socket can be reached on this Quarkus version (false: every send falls back to a String). */
    static boolean available() {
        return WEB_SOCKET != null;
    }

    /** The connection's Vert.x socket, or empty when it cannot be reached. */
    static Optional<WebSocketBase> socket(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((WebSocketBase) WEB_SOCKET.invoke(connection));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code utf8} as one text message of frames of at most {@code maxFrameBytes}; completes with the last. */
    static Future<Void> write(WebSocketBase socket, byte[] utf8, int maxFrameBytes) {
        if (utf8.length <= maxFrameBytes) {
            return socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
        }
        Future<Void> last = null;
        for (int from = 0; from < utf8.length; from += maxFrameBytes) {
            int to = Math.min(utf8.length, from + maxFrameBytes);
            WebSocketFrameType type = from == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION;
            last = socket.writeFrame(
                    new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(utf8, from, to - from), to == utf8.length));
        }
        return last;
    }
}
