package io.tickwarden.smartapisim.ws;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Corrupt binary messages for the {@code malformed} fault, one kind after another so a client meets them all. */
final class MalformedPackets {

    static final int KINDS = 4;

    private MalformedPackets() {}

    static byte[] packet(int kind, String token) {
        return switch (Math.floorMod(kind, KINDS)) {
            // An LTP header cut short: 50 bytes, the price's last byte missing.
            case 0 -> header(50, 1, token);
            // A mode no packet has (9), at an LTP's length.
            case 1 -> header(51, 9, token);
            // A SnapQuote header on a Quote-sized packet.
            case 2 -> header(123, 3, token);
            // A stray byte.
            default -> new byte[] {(byte) 0xFF};
        };
    }

    private static byte[] header(int length, int mode, String token) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) mode).put((byte) 1).put(PacketEncoder.token(token));
        return b.array();
    }
}
