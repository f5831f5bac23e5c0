package io.tickwarden.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Utf8TextFramesTest {

    /** Fails on a Quarkus upgrade that moves websockets-next's socket accessor, instead of a silent slower fan-out. */
    @Test
    void theVertxSocketIsReachableOnThisQuarkusVersion() {
        assertTrue(Utf8TextFrames.available(), "websockets-next's WebSocketConnectionBase.webSocket() not found");
    }
}
