package io.tickwarden.gateway.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for auth-service's {@code POST /api/auth/verify} so the proxy can be tested. */
public class FakeAuthService implements QuarkusTestResourceLifecycleManager {

    public static final AtomicInteger VERIFY_CALLS = new AtomicInteger();
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
            byte[] body = (post ? "{\"state\":\"VALID\",\"is_valid\":true,\"requires_login\":false}"
                    : "{\"error\":\"method\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(post ? 200 : 405, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("gateway.services.auth-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "gateway.services.auth-public-url", "http://auth.example:8082");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
