package io.tickwarden.feed.broker.angel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickwarden.feed.broker.BrokerInstrument;
import io.tickwarden.feed.domain.MarketSegment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The symbol scheme on a small master in Angel's real format (test resource {@code angel/OpenAPIScripMaster-sample.json}):
 * every mappable row gets exactly the Kite name kite-sim's {@code InstrumentCatalog} gives the same contract, and
 * every other row is left out and counted.
 */
class AngelSymbolsTest {

    static AngelSymbols.Mapping mapping;
    static Map<String, BrokerInstrument> bySymbol;

    @BeforeAll
    static void map() throws IOException {
        try (InputStream in = AngelSymbolsTest.class.getResourceAsStream("/angel/OpenAPIScripMaster-sample.json")) {
            mapping = AngelSymbols.map(AngelMaster.read(in));
        }
        bySymbol = mapping.instruments().stream()
                .collect(Collectors.toMap(
                        BrokerInstrument::symbol,
                        i -> i,
                        (a, b) -> {
                            throw new AssertionError("two instruments named " + a.symbol());
                        },
                        LinkedHashMap::new));
    }

    @Test
    void everyMappableRowGetsItsKiteName() {
        Map<String, Long> expected = new LinkedHashMap<>();
        // NSE equities: -EQ dropped, other series kept
        expected.put("NSE:SBIN", 1_000_000_003_045L);
        expected.put("NSE:RELIANCE", 1_000_000_002_885L);
        expected.put("NSE:INFY", 1_000_000_001_594L);
        expected.put("NSE:TCS", 1_000_000_011_536L);
        expected.put("NSE:IDEA-BE", 1_000_000_014_366L);
        expected.put("NSE:SGBAUG28V-GB", 1_000_000_009_999L);
        // indices by the table
        expected.put("NSE:NIFTY 50", 1_000_099_926_000L);
        expected.put("NSE:NIFTY BANK", 1_000_099_926_009L);
        expected.put("NSE:NIFTY IT", 1_000_099_926_008L);
        expected.put("NSE:INDIA VIX", 1_000_099_926_017L);
        expected.put("BSE:SENSEX", 3_000_099_919_000L);
        // BSE listings
        expected.put("BSE:SBIN", 3_000_000_500_112L);
        expected.put("BSE:RELIANCE", 3_000_000_500_325L);
        // futures
        expected.put("NFO:NIFTY26DECFUT", 2_000_000_035_001L);
        expected.put("NFO:BANKNIFTY26DECFUT", 2_000_000_035_002L);
        expected.put("NFO:SBIN26DECFUT", 2_000_000_035_003L);
        expected.put("NFO:NIFTY27JANFUT", 2_000_000_035_004L);
        // NIFTY options: weekly YY M DD (9, O, N, D), the month's last expiry monthly
        expected.put("NFO:NIFTY2690124000CE", 2_000_000_040_001L);
        expected.put("NFO:NIFTY26SEP24000CE", 2_000_000_040_002L);
        expected.put("NFO:NIFTY26O0624000CE", 2_000_000_040_003L);
        expected.put("NFO:NIFTY26OCT24000CE", 2_000_000_040_004L);
        expected.put("NFO:NIFTY26N0324000CE", 2_000_000_040_005L);
        expected.put("NFO:NIFTY26NOV24000CE", 2_000_000_040_006L);
        expected.put("NFO:NIFTY26D0124000CE", 2_000_000_040_007L);
        expected.put("NFO:NIFTY26D0824000PE", 2_000_000_040_008L);
        expected.put("NFO:NIFTY26DEC24000CE", 2_000_000_040_009L);
        expected.put("NFO:NIFTY26DEC24050PE", 2_000_000_040_010L);
        expected.put("NFO:BANKNIFTY26DEC52400CE", 2_000_000_041_001L);
        expected.put("NFO:SBIN26DEC800CE", 2_000_000_041_002L);
        expected.put("NFO:IDEA26DEC7.5CE", 2_000_000_041_003L);
        // BSE derivatives
        expected.put("BFO:SENSEX26D0380200CE", 4_000_001_100_001L);
        expected.put("BFO:SENSEX26DEC80200PE", 4_000_001_100_002L);
        expected.put("BFO:SENSEX26DECFUT", 4_000_001_100_003L);
        // currency (strike x 10^7 in the master)
        expected.put("CDS:USDINR26DECFUT", 13_000_000_001_201L);
        expected.put("CDS:EURINR26DECFUT", 13_000_000_001_202L);
        expected.put("CDS:USDINR26DEC84.5CE", 13_000_000_001_203L);
        expected.put("CDS:USDINR26D0484.25PE", 13_000_000_001_204L);
        // commodities
        expected.put("MCX:GOLD27FEBFUT", 5_000_000_450_001L);
        expected.put("MCX:CRUDEOIL26DECFUT", 5_000_000_450_002L);
        expected.put("MCX:CRUDEOIL26DEC5900CE", 5_000_000_450_003L);

        Map<String, Long> actual = new LinkedHashMap<>();
        bySymbol.forEach((s, i) -> actual.put(s, i.token()));
        assertEquals(expected, actual);
    }

    @Test
    void eachInstrumentFollowsItsExchangeSegment() {
        for (BrokerInstrument in : mapping.instruments()) {
            String exchange = in.symbol().substring(0, in.symbol().indexOf(':'));
            assertEquals(exchange, in.exchange());
            MarketSegment want = switch (exchange) {
                case "NSE" -> MarketSegment.NSE_CM;
                case "NFO" -> MarketSegment.NSE_FO;
                case "CDS" -> MarketSegment.NSE_CDS;
                case "BSE" -> MarketSegment.BSE_CM;
                case "BFO" -> MarketSegment.BSE_FO;
                case "MCX" -> MarketSegment.MCX_COM;
                default -> throw new AssertionError(in);
            };
            assertEquals(want, in.segment(), in.symbol());
            assertEquals(AngelExchange.ofCode(exchange).orElseThrow().type(), AngelTokens.exchangeType(in.token()));
        }
    }

    @Test
    void indicesAreKnownSoTheirTicksAreNotTradable() {
        assertEquals(
                Set.of(
                        1_000_099_926_000L,
                        1_000_099_926_009L,
                        1_000_099_926_008L,
                        1_000_099_926_017L,
                        3_000_099_919_000L),
                mapping.indices());
    }

    @Test
    void unmappableRowsAreLeftOutAndCountedWithExamples() {
        assertEquals(8, mapping.unmapped());
        assertEquals(
                List.of(
                        "NSE:NIFTY (no Kite-style name)",
                        "NSE:Nifty 500 (no Kite-style name)",
                        "MCX:MCXCOMPDEX (no Kite-style name)",
                        "NFO:NIFTY29DEC26FUT (duplicate name)",
                        "NFO:NIFTY24000CE (no Kite-style name)",
                        "NCDEX:GUARSEED10DEC2026 (exchange without a segment)",
                        "XYZ:WHATEVER (exchange without a segment)",
                        "NSE:BADTOKEN-EQ (token not a number)"),
                mapping.examples());
    }

    @Test
    void examplesStopAtTen() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"token\":\"")
                    .append(i)
                    .append("\",\"symbol\":\"X")
                    .append(i)
                    .append("\",\"exch_seg\":\"NCDEX\"}");
        }
        AngelSymbols.Mapping m = AngelSymbols.map(read(json.append("]").toString()));
        assertEquals(25, m.unmapped());
        assertEquals(10, m.examples().size());
        assertTrue(m.instruments().isEmpty());
    }

    @Test
    void theStreamingReaderSkipsUnknownFieldsAndNestedValues() {
        List<AngelMaster.Row> rows = read("[{\"token\":3045,\"extra\":{\"a\":[1,2]},\"symbol\":\"SBIN-EQ\","
                + "\"exch_seg\":\"NSE\",\"list\":[{\"x\":1}],\"name\":null}]");
        assertEquals(List.of(new AngelMaster.Row("3045", "SBIN-EQ", null, null, null, null, "NSE")), rows);
        assertThrows(IOException.class, () -> AngelMaster.read(stream("{\"token\":\"1\"}")));
        assertThrows(IOException.class, () -> AngelMaster.read(stream("[{\"token\":\"1\"}")));
    }

    @Test
    void kiteStyleCodes() {
        assertEquals("26DEC", KiteStyleNames.monthly(java.time.LocalDate.of(2026, 12, 29)));
        assertEquals(
                "2690",
                KiteStyleNames.weekly(java.time.LocalDate.of(2026, 9, 1)).substring(0, 4));
        assertEquals("26O06", KiteStyleNames.weekly(java.time.LocalDate.of(2026, 10, 6)));
        assertEquals("26N03", KiteStyleNames.weekly(java.time.LocalDate.of(2026, 11, 3)));
        assertEquals("26D29", KiteStyleNames.weekly(java.time.LocalDate.of(2026, 12, 29)));
        assertEquals(java.time.LocalDate.of(2024, 4, 4), KiteStyleNames.expiry("04Apr2024"));
        assertEquals(java.time.LocalDate.of(2025, 10, 29), KiteStyleNames.expiry("29OCT2025"));
        assertEquals(null, KiteStyleNames.expiry(""));
        assertEquals(null, KiteStyleNames.expiry("31FOO2025"));
        assertEquals(null, KiteStyleNames.expiry("31FEB2025"));
    }

    private static List<AngelMaster.Row> read(String json) {
        try {
            return AngelMaster.read(stream(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
