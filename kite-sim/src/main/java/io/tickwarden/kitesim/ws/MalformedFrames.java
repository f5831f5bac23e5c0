package io.tickwarden.kitesim.ws;

import java.nio.ByteBuffer;

/** Corrupt binary frames for the {@code malformed} fault, one kind after another so a client meets them all. */
final class MalformedFrames {

    private MalformedFrames() {}

    static final int KINDS = 4;

    static byte[] frame(int kind, int token) {
        return switch (Math.floorMod(kind, KINDS)) {
            // The count promises three packets; only one follows.
            case 0 ->
                ByteBuffer.allocate(2 + 2 + 8)
                        .putShort((short) 3)
                        .putShort((short) 8)
                        .putInt(token)
                        .putInt(100)
                        .array();
            // A packet of a length no Kite mode has.
            case 1 ->
                ByteBuffer.allocate(2 + 2 + 13)
                        .putShort((short) 1)
                        .putShort((short) 13)
                        .putInt(token)
                        .array();
            // A length prefix longer than the frame.
            case 2 ->
                ByteBuffer.allocate(2 + 2 + 4)
                        .putShort((short) 1)
                        .putShort((short) 184)
                        .putInt(token)
                        .array();
            // Two stray bytes that are not a heartbeat.
            default -> new byte[] {(byte) 0xFF, (byte) 0x7F};
        };
    }
}
