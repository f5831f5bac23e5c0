package io.tickwarden.bench.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostFitTest {

    /** CPU % of a core for a = 40 µs per publish, b = 25 µs per delivery. */
    private static CostFit.Point point(double published, int subscribers) {
        double delivered = published * subscribers;
        return new CostFit.Point(published, delivered, (40 * published + 25 * delivered) / 1e4);
    }

    @Test
    void recoversBothCostsFromPointsWithDifferentSubscriberCounts() {
        CostFit.Fit fit = CostFit.fit(List.of(point(8, 1), point(24, 1), point(24, 4), point(96, 8)));
        assertEquals(40, fit.microsPerPublish(), 1e-6);
        assertEquals(25, fit.microsPerDelivery(), 1e-6);
        assertEquals((40 * 48 + 25 * 48 * 8) / 1e4, fit.cpuPercent(48, 48 * 8), 1e-9);
    }

    @Test
    void oneSubscriberCountAloneCannotSeparateTheTwoCosts() {
        CostFit.Fit fit = CostFit.fit(List.of(point(8, 4), point(24, 4), point(48, 4)));
        assertTrue(Double.isNaN(fit.microsPerPublish()));
        assertTrue(Double.isNaN(CostFit.fit(List.of(point(8, 1))).microsPerDelivery()));
    }
}
