package io.tickwarden.auth.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server that records webhook POSTs; sets {@code auth.reminder.webhook-url} to itself. */
public class WebhookSink implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectWebhookSink {}

    /** What the sink received; injected into tests. */
    public static final class Received {
        public final List<String> bodies = new CopyOnWriteArrayList<>();
    }

    private final Received received = new Received();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            received.bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "auth.reminder.webhook-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                received, new TestInjector.AnnotatedAndMatchesType(InjectWebhookSink.class, Received.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
