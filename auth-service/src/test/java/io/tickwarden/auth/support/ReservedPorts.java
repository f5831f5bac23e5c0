package io.tickwarden.auth.support;

import io.tickwarden.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for processes that bind them later or bind them again: the auth-service test instance (its port has
 * to be known before it starts, for kite-sim's redirect), and kite-sim or auth-service restarted by a test on the
 * same port. {@link FreePorts} hands out a port from the kernel's ephemeral range, where any other process's
 * {@code bind(0)} or outgoing connection may take it while it is unbound; these come from just below that range,
 * which the kernel never hands out by itself.
 */
public final class ReservedPorts {

    private static final int LOWEST = 20000;

    private ReservedPorts() {}

    public static int next() {
        int ceiling = ephemeralRangeStart();
        if (ceiling - LOWEST >= 1000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(ceiling - LOWEST);
                if (isFree(port)) {
                    return port;
                }
            }
        }
        return FreePorts.next();
    }

    private static boolean isFree(int port) {
        // the wildcard address: taken if anything listens on the port on any address
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // the Linux default
        }
    }
}
