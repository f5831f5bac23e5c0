package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.service.ClientSession;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.tickwarden.gateway.service.Outbox;
import io.tickwarden.gateway.service.SessionRegistry;
import io.tickwarden.gateway.support.Fixtures;
import io.tickwarden.gateway.support.GatewayReady;
import io.tickwarden.gateway.support.RawWsClient;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.RedisServerProcess;
import io.tickwarden.testing.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading: its server-side queue stays bounded, it is closed with the slow-consumer code, and
 * the other clients receive every tick meanwhile (delivery counts, not timings).
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class SlowConsumerTest {

    private static final int SYMBOLS = 20;
    private static final int FAST = 4;
    private static final int MAX_BATCHES = 3000;
    /**
     * Control messages a blocked connection may hold: heartbeats (every 1 s in tests) queue up while it is blocked,
     * i.e. for the slow-consumer timeout (2 s) plus up to one sweep (1 s): about 3, a few more when the scheduler
     * runs late on a busy machine. This bounds the queue; its exact length is a matter of timing.
     */
    private static final int MAX_CONTROL = 12;

    @RedisTestResource.InjectRedis
    RedisServerProcess redis;

    @TestHTTPResource("/")
    URI base;

    @Inject
    SessionRegistry sessions;

    @Inject
    GatewayMetrics metrics;

    @Inject
    GatewayConfig config;

    @Test
    void slowClientIsClosedWithBoundedMemoryAndOthersGetEverything() throws Exception {
        String[] symbols = new String[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = "NSE:SLOW" + i;
        }
        List<WsClient> fast = new ArrayList<>();
        double slowClosesBefore = metrics.slowCloses();
        // Every batch must reach the fast clients: the gateway must be listening on feed.ticks.
        GatewayReady.subscribed();
        try (RawWsClient slow = new RawWsClient(base.getPort(), "demo-key")) {
            StringBuilder sub = new StringBuilder("{\"action\":\"subscribe\",\"mode\":\"full\",\"symbols\":[");
            for (int i = 0; i < SYMBOLS; i++) {
                sub.append(i == 0 ? "" : ",").append('"').append(symbols[i]).append('"');
            }
            slow.sendText(sub.append("]}").toString());
            for (int i = 0; i < FAST; i++) {
                WsClient c = WsClient.connect(base, "demo-key");
                c.subscribe("full", symbols);
                fast.add(c);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            fast.stream().allMatch(c -> !c.ofType("snapshot").isEmpty())
                                    && sessions.subscriptionCount() == (long) SYMBOLS * (FAST + 1));

            int maxFrame = 0;
            long maxPending = 0;
            long maxControl = 0;
            long maxInflight = 0;
            int published = 0;
            String pad = "x".repeat(2000);
            while (metrics.slowCloses() == slowClosesBefore && published < MAX_BATCHES) {
                published++;
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < SYMBOLS; i++) {
                    // A long trading symbol field pads each tick to ~3 KB, so the slow socket fills quickly.
                    batch.add(Fixtures.tick(symbols[i], 5000 + i, published + 1, 100 + published)
                            .replace("\"source\":\"ws\"", "\"source\":\"" + pad + "\""));
                }
                maxFrame = Math.max(
                        maxFrame, batch.stream().mapToInt(String::length).sum());
                Fixtures.publish(redis, batch);
                int expected = published * SYMBOLS;
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> fast.stream().allMatch(c -> c.ticks().size() >= expected));
                for (ClientSession s : sessions.all()) {
                    Outbox.Depth d = s.outbox().depth();
                    maxPending = Math.max(maxPending, d.pendingTicks());
                    maxControl = Math.max(maxControl, d.pendingControl());
                    maxInflight = Math.max(maxInflight, d.inflightBytes());
                }
            }
            assertTrue(metrics.slowCloses() > slowClosesBefore, "slow client closed after " + published + " batches");
            // Memory bound: at most one pending tick per symbol plus a few control messages, and the write buffer.
            assertTrue(maxPending <= SYMBOLS, "pending ticks " + maxPending);
            assertTrue(maxControl <= MAX_CONTROL, "pending control messages " + maxControl);
            assertTrue(
                    maxInflight <= config.ws().writeBufferBytes() + maxFrame + 1024, "unwritten bytes " + maxInflight);

            // Every fast client got every tick of every batch, in order, and is still open.
            for (WsClient c : fast) {
                assertEquals((long) published * SYMBOLS, c.ticks().size());
                assertTrue(!c.isClosed());
            }
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> sessions.size() == FAST && sessions.subscriptionCount() == (long) SYMBOLS * FAST);

            int code = slow.drainUntilClosed(30_000);
            assertEquals(GatewayCloseCodes.SLOW_CONSUMER, code, "close frame behind the unread data");
            System.out.printf("slow consumer closed after %d batches; close frame seen: %s%n", published, code);
        } finally {
            fast.forEach(WsClient::close);
        }
    }
}
