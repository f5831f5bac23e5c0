package io.tickwarden.gateway.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.gateway.support.Fixtures;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The feed's tick contract as the gateway reads it and trims it per mode. */
class TickFormatTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TickFormat format = new TickFormat(json);

    /** A component renamed or added in FeedTick must be placed in a mode here, or clients silently lose it. */
    @Test
    void theModeFieldListsAreExactlyFeedTicksComponents() {
        Set<String> components = Arrays.stream(FeedTick.class.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(components, new TreeSet<>(TickFormat.fieldsOf(Mode.FULL)));
    }

    @Test
    void aBatchIsReadAsTheContractRecordAndTrimmedPerMode() throws Exception {
        String message = Fixtures.batchPart(List.of(Fixtures.tick("NSE:INFY", 408065, 7, 1500.5)), 0, 2);
        TickFormat.Batch batch = format.parse(message);
        assertFalse(batch.lastPart(), "part 0 of 2");
        TickFrame frame = batch.frames().get(0);
        assertEquals("NSE:INFY", frame.symbol());
        assertEquals(7, frame.seq());
        assertTrue(frame.publishedAtMillis() > 0, "the batch's at");

        JsonNode ltp = json.readTree(frame.json(Mode.LTP));
        assertEquals(new TreeSet<>(TickFormat.fieldsOf(Mode.LTP)), fieldNames(ltp));
        assertEquals("ltp", ltp.get("mode").asText());
        assertEquals(1500.5, ltp.get("last_price").asDouble());
        JsonNode full = json.readTree(frame.json(Mode.FULL));
        assertEquals(new TreeSet<>(TickFormat.fieldsOf(Mode.FULL)), fieldNames(full));
        assertEquals(1500.5, full.path("depth").path("buy").get(0).get("price").asDouble());

        assertTrue(
                format.parse(Fixtures.batch(List.of(Fixtures.tick("NSE:TCS", 1, 1, 1.0))))
                        .lastPart(),
                "a message without part/parts is complete in itself");
    }

    @Test
    void aQuoteValueIsOneTick() {
        assertEquals(
                "NSE:TCS",
                format.quote(Fixtures.tick("NSE:TCS", 2953217, 3, 3500.0))
                        .orElseThrow()
                        .symbol());
        assertTrue(format.quote("not json").isEmpty());
        assertTrue(format.quote(null).isEmpty());
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
