package io.tickwarden.gateway.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for auth-service's {@code POST /api/auth/verify} so the proxy can be tested, and for its readiness
 * ({@link #READY} decides 200 or 503) so the gateway's service probes can be. session- and feed-service point at
 * port 1, where nothing listens (a free port picked at start could be taken by another process before the probes
 * run, and then answer them).
 */
public class FakeAuthService implements QuarkusTestResourceLifecycleManager {

    public static final AtomicInteger VERIFY_CALLS = new AtomicInteger();
    public static final java.util.concurrent.atomic.AtomicBoolean READY =
            new java.util.concurrent.atomic.AtomicBoolean(true);
    /** What {@code POST /api/auth/verify} answers: 200 and a VALID state unless a test sets a refusal. */
    public static final AtomicInteger VERIFY_STATUS = new AtomicInteger(200);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/auth/verify", exchange -> {
            boolean post = "POST".equals(exchange.getRequestMethod());
            if (post) {
                VERIFY_CALLS.incrementAndGet();
            }
            int status = post ? VERIFY_STATUS.get() : 405;
            byte[] body = (status == 200
                            ? "{\"state\":\"VALID\",\"is_valid\":true,\"requires_login\":false}"
                            : post
                                    ? "{\"error\":\"broker_unreachable\",\"message\":\"retry later\",\"state\":\"VALID\"}"
                                    : "{\"error\":\"method\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/q/health/ready", exchange -> {
            boolean ready = READY.get();
            byte[] body = ("{\"status\":\"" + (ready ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String nobody = "http://127.0.0.1:1";
        return Map.of(
                "gateway.services.auth-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "gateway.services.auth-public-url",
                "http://auth.example:8082",
                "gateway.services.session-url",
                nobody,
                "gateway.services.feed-url",
                nobody);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
