package io.tickwarden.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickwarden.gateway.support.JsClientProject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JavaScript client's own unit tests ({@code clients/js/test/unit.test.mjs}: backoff, positions, close codes,
 * resubscribe with positions against a local ws server) under Node, no system needed. Skipped, loudly, without node.
 */
class JsClientUnitTest {

    @Test
    void nodeUnitTestsOfTheClientPass() throws Exception {
        JsClientProject.installOrSkip("JsClientUnitTest");
        JsClientProject.Run run = JsClientProject.test(List.of("test/unit.test.mjs"), Map.of(), 120);
        assertEquals(0, run.exitCode(), () -> "node --test failed:\n" + run.output());
    }
}
