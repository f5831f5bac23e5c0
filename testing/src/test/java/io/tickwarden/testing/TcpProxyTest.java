package io.tickwarden.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a real redis-server: commands pass, a black hole stalls them without closing, a cut closes. */
class TcpProxyTest {

    private RedisServerProcess redis;
    private TcpProxy proxy;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.startOnFreePort();
        proxy = TcpProxy.start("localhost", redis.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        redis.close();
    }

    /** A plain RESP client on the proxy, with a read timeout so a stalled reply shows as a timeout. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(500);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String inline) throws IOException {
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String reply() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void forwardsThenStallsWhileBlackholedThenDeliversTheHeldCommand() throws IOException {
        try (Client c = new Client(proxy.port())) {
            c.send("SET k before");
            assertEquals("+OK", c.reply());

            proxy.blackhole();
            c.send("SET k during");
            assertThrows(SocketTimeoutException.class, c::reply, "no reply through the black hole");
            assertEquals("before", redis.command("GET", "k"), "the command did not reach Redis either");
            assertEquals(1, proxy.openConnections(), "the connection stays open, like a partition");

            try (Client late = new Client(proxy.port())) {
                late.send("PING");
                assertThrows(SocketTimeoutException.class, late::reply, "a new connection stalls too");
                proxy.restore();
                await().atMost(Duration.ofSeconds(30)).until(() -> "during".equals(redis.command("GET", "k")));
                assertEquals("+OK", readWithRetry(c));
                assertEquals("+PONG", readWithRetry(late));
            }
        }
    }

    @Test
    void cutClosesEveryConnection() throws IOException {
        try (Client c = new Client(proxy.port())) {
            c.send("PING");
            assertEquals("+PONG", c.reply());
            proxy.cut();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    return c.reply() == null;
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
            assertEquals(0, proxy.openConnections());
            assertTrue(proxy.accepted() >= 1);
        }
        try (Client again = new Client(proxy.port())) {
            again.send("PING");
            assertEquals("+PONG", readWithRetry(again), "new connections are accepted after a cut");
        }
    }

    private static String readWithRetry(Client c) {
        String[] line = {null};
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(SocketTimeoutException.class)
                .until(() -> {
                    line[0] = c.reply();
                    return true;
                });
        return line[0];
    }
}
