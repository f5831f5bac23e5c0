package io.tickwarden.auth.service.angel;

import io.tickwarden.auth.config.AngelConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * The client identification Angel asks for on every call ({@code X-ClientLocalIP}, {@code X-ClientPublicIP},
 * {@code X-MACAddress}), like its SDKs send them: configured values first, else looked up from this host once.
 * A public IP needs an outside service to know; without {@code angel.client-public-ip} the local address is sent.
 */
record AngelHostInfo(String localIp, String publicIp, String macAddress) {

    static AngelHostInfo of(AngelConfig config) {
        String local = config.clientLocalIp().orElseGet(AngelHostInfo::lookUpLocalIp);
        return new AngelHostInfo(
                local,
                config.clientPublicIp().orElse(local),
                config.macAddress().orElseGet(AngelHostInfo::lookUpMac));
    }

    private static String lookUpLocalIp() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }

    private static String lookUpMac() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = nic.getHardwareAddress();
                if (mac != null && mac.length == 6 && !nic.isLoopback()) {
                    StringBuilder out = new StringBuilder();
                    for (byte b : mac) {
                        out.append(out.isEmpty() ? "" : ":").append(String.format("%02x", b));
                    }
                    return out.toString();
                }
            }
        } catch (Exception e) {
            // fall through: Angel accepts any well-formed value
        }
        return "00:00:00:00:00:00";
    }
}
