package io.tickwarden.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupVariantTest {

    @Test
    void theTrainingStartRecordsTheCacheTheTimedStartsRead() {
        StartupVariant v = new StartupVariant(
                "after", null, List.of("-Xmx256m", "-XX:AOTCache=app.aot", "-XX:+UseSerialGC"), true);
        assertEquals(List.of("-Xmx256m", "-XX:AOTCacheOutput=app.aot", "-XX:+UseSerialGC"), v.trainingArgs());
    }

    @Test
    void trainingWithoutACacheFlagIsRefused() {
        StartupVariant v = new StartupVariant("before", null, List.of("-Xmx256m"), true);
        assertThrows(IllegalStateException.class, v::trainingArgs);
    }
}
