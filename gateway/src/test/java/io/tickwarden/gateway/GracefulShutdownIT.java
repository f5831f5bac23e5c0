package io.tickwarden.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.client.Mode;
import io.tickwarden.client.TickwardenClient;
import io.tickwarden.client.error.ConnectionLostException;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.support.ClientRecorder;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway (prod profile, real process, real Redis) stopped with SIGTERM, as Kubernetes and Docker
 * stop it: every connected client gets close code 1001 (going away) with a reason, not 1000 or a dropped socket; the
 * Java client reads it as a passing loss ({@code ConnectionLostException}, reconnecting).
 */
class GracefulShutdownIT {

    private static final String KEY = "shutdown-it-key";

    @Test
    void sigtermClosesEveryClientWithGoingAway() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
                QuarkusAppProcess gateway = QuarkusAppProcess.start(
                        "gateway", Map.of("quarkus.redis.hosts", redis.url(), "gateway.api-keys", KEY))) {
            URI base = URI.create(gateway.baseUrl());
            List<WsClient> clients = List.of(WsClient.connect(base, KEY), WsClient.connect(base, KEY));
            // The Java client (Authorization header): it must read the 1001 as a passing loss and plan to reconnect.
            ClientRecorder recorder = new ClientRecorder();
            TickwardenClient javaClient = TickwardenClient.builder()
                    .uri(base)
                    .apiKey(KEY)
                    .listener(recorder)
                    .build();
            try {
                clients.get(1).subscribe("ltp", "NSE:INFY");
                javaClient.subscribe(List.of("NSE:TCS"), Mode.LTP);
                javaClient.connect().get(30, TimeUnit.SECONDS);
                for (WsClient c : clients) {
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> !c.ofType("connection_status").isEmpty());
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !clients.get(1).ofType("subscribed").isEmpty()
                                && !recorder.statuses.isEmpty()
                                && !recorder.subscribed.isEmpty());

                gateway.stop(); // Process.destroy(): SIGTERM, then waits for the exit

                for (WsClient c : clients) {
                    await().atMost(Duration.ofSeconds(30)).until(c::isClosed);
                    assertEquals(
                            GatewayCloseCodes.GOING_AWAY,
                            c.closeCode,
                            () -> "close code (null: no close frame, error=" + c.error + "); log: "
                                    + gateway.logFile());
                    assertEquals("server shutting down", c.closeReason);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> !recorder.disconnects.isEmpty());
                ClientRecorder.Disconnect d = recorder.disconnects.get(0);
                assertInstanceOf(ConnectionLostException.class, d.cause());
                assertEquals(
                        OptionalInt.of(GatewayCloseCodes.GOING_AWAY), d.cause().closeCode());
                assertTrue(
                        d.cause().getMessage().contains("server shutting down"),
                        d.cause().getMessage());
                assertTrue(d.reconnecting());
                assertFalse(gateway.isRunning());
            } finally {
                clients.forEach(WsClient::close);
                javaClient.close();
            }
        }
    }
}
