package io.tickwarden.gateway;

import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.support.WsClient;
import io.tickwarden.testing.QuarkusAppProcess;
import io.tickwarden.testing.RedisServerProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The packaged gateway (prod profile, real process, real Redis) stopped with SIGTERM, as Kubernetes and Docker
 * stop it: every connected client gets close code 1001 (going away) with a reason, not 1000 or a dropped socket.
 */
class GracefulShutdownIT {

    private static final String KEY = "shutdown-it-key";

    @Test
    void sigtermClosesEveryClientWithGoingAway() {
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
             QuarkusAppProcess gateway = QuarkusAppProcess.start("gateway",
                     Map.of("quarkus.redis.hosts", redis.url(), "gateway.api-keys", KEY))) {
            URI base = URI.create(gateway.baseUrl());
            List<WsClient> clients = List.of(WsClient.connect(base, KEY), WsClient.connect(base, KEY, true),
                    WsClient.connect(base, KEY));
            try {
                clients.get(2).subscribe("ltp", "NSE:INFY");
                for (WsClient c : clients) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> !c.ofType("connection_status").isEmpty());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> !clients.get(2).ofType("subscribed").isEmpty());

                gateway.stop(); // Process.destroy(): SIGTERM, then waits for the exit

                for (WsClient c : clients) {
                    await().atMost(Duration.ofSeconds(30)).until(c::isClosed);
                    assertEquals(GatewayCloseCodes.GOING_AWAY, c.closeCode,
                            () -> "close code (null: no close frame, error=" + c.error + "); log: " + gateway.logFile());
                    assertEquals("server shutting down", c.closeReason);
                }
                assertFalse(gateway.isRunning());
            } finally {
                clients.forEach(WsClient::close);
            }
        }
    }
}
