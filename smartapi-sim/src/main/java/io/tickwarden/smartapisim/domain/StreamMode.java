package io.tickwarden.smartapisim.domain;

import java.util.Optional;

/** WebSocket 2.0 subscription modes and the size of the packet each one sends. */
public enum StreamMode {
    LTP(1, 51),
    QUOTE(2, 123),
    SNAP_QUOTE(3, 379),
    DEPTH_20(4, 443);

    private final int code;
    private final int packetSize;

    StreamMode(int code, int packetSize) {
        this.code = code;
        this.packetSize = packetSize;
    }

    public int code() {
        return code;
    }

    public int packetSize() {
        return packetSize;
    }

    public static Optional<StreamMode> ofCode(int code) {
        for (StreamMode m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
