package io.tickwarden.gateway.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The protocol's promise that {@code connection_status} is the first message of every connection, tested where it
 * can break: hundreds of connections open while the heartbeat is broadcast every millisecond, so a broadcast often
 * lands between a session becoming visible and its status being queued.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class StatusFirstTest {

    private static final int CONNECTIONS = 400;
    private static final int AT_ONCE = 20;

    @Inject
    ConnectionSupervisor supervisor;

    @TestHTTPResource("/")
    URI base;

    @Test
    void connectionStatusIsTheFirstMessageOfEveryConnectionWhileHeartbeatsRun() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong beats = new AtomicLong();
        // The real broadcast (ConnectionSupervisor.heartbeat), at a far shorter interval than any configuration.
        Thread beater = Thread.ofPlatform().daemon().name("test-heartbeat").start(() -> {
            while (running.get()) {
                supervisor.heartbeat();
                beats.incrementAndGet();
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        });
        List<String> wrong = new ArrayList<>();
        int sawHeartbeat = 0;
        try {
            for (int wave = 0; wave < CONNECTIONS / AT_ONCE; wave++) {
                List<CompletableFuture<WsClient>> opening = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    opening.add(CompletableFuture.supplyAsync(() -> WsClient.connect(base, "demo-key")));
                }
                List<WsClient> clients =
                        opening.stream().map(CompletableFuture::join).toList();
                try {
                    // Two messages each: the first one, and proof that the broadcast reached the connection too.
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> clients.stream().allMatch(c -> c.messages.size() >= 2));
                    for (int i = 0; i < clients.size(); i++) {
                        List<JsonNode> got = clients.get(i).messages;
                        String first = got.get(0).path("type").asText();
                        if (!"connection_status".equals(first)) {
                            wrong.add("connection " + (wave * AT_ONCE + i) + " began with " + first);
                        }
                        if (got.stream()
                                .anyMatch(m -> "heartbeat".equals(m.path("type").asText()))) {
                            sawHeartbeat++;
                        }
                    }
                } finally {
                    clients.forEach(WsClient::close);
                }
            }
        } finally {
            running.set(false);
            beater.join(Duration.ofSeconds(5).toMillis());
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + CONNECTIONS + " connections");
        assertTrue(sawHeartbeat >= CONNECTIONS / 2, "heartbeats reached only " + sawHeartbeat + " connections");
        assertTrue(beats.get() > CONNECTIONS, "the heartbeat ran " + beats.get() + " times");
    }
}
