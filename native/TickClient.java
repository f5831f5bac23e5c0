import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The gateway client of native/build.sh's smoke test, run as a single-file program ({@code java TickClient.java
 * <ws-url> <symbol> <timeout-seconds>}) so the smoke needs only the JDK: subscribes to one symbol and exits 0 at the
 * first live tick, 1 when none came in time. JDK only, no dependency.
 */
public class TickClient {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String symbol = args[1];
        long timeout = Long.parseLong(args[2]);
        CompletableFuture<String> tick = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            String message = frame.toString();
                            frame.setLength(0);
                            // A snapshot only replays the stored quote; a tick/ticks message proves the live path.
                            if (message.matches("(?s)^\\{\\s*\"type\"\\s*:\\s*\"ticks?\".*")) {
                                tick.complete(message);
                            }
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        tick.completeExceptionally(new IllegalStateException("closed " + status + " " + reason));
                        return null;
                    }
                }).get(15, TimeUnit.SECONDS);
        ws.sendText("{\"action\":\"subscribe\",\"symbols\":[\"" + symbol + "\"],\"mode\":\"ltp\"}", true);
        try {
            String message = tick.get(timeout, TimeUnit.SECONDS);
            System.out.println("tick-client: " + message.substring(0, Math.min(200, message.length())));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            System.exit(0);
        } catch (Exception e) {
            System.out.println("tick-client: no tick for " + symbol + " within " + timeout + " s: " + e);
            System.exit(1);
        }
    }
}
