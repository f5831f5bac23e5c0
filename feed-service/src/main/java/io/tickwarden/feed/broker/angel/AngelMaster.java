package io.tickwarden.feed.broker.angel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Angel's instrument master ({@code OpenAPIScripMaster.json}, a JSON array of tens of MB) with Jackson's
 * streaming parser, keeping only the fields the symbol mapping needs: one small {@link Row} per instrument, no tree
 * of the whole file. Values are kept as the text Angel wrote (numbers too), unknown fields are skipped.
 */
final class AngelMaster {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AngelMaster() {}

    /**
     * One instrument as the master lists it, e.g. {@code token 3045, symbol SBIN-EQ, name SBIN, expiry "", strike
     * -1.000000, instrumenttype "", exch_seg NSE} or {@code NIFTY30DEC2624000CE, NIFTY, 30DEC2026, 2400000.000000,
     * OPTIDX, NFO}.
     */
    record Row(
            String token,
            String symbol,
            String name,
            String expiry,
            String strike,
            String instrumentType,
            String exchSeg) {}

    static List<Row> read(InputStream in) throws IOException {
        List<Row> rows = new ArrayList<>(200_000);
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("the instrument master is not a JSON array");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new IOException("the instrument master ends early");
                }
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                rows.add(row(p));
            }
        }
        return rows;
    }

    private static Row row(JsonParser p) throws IOException {
        String token = null;
        String symbol = null;
        String name = null;
        String expiry = null;
        String strike = null;
        String type = null;
        String exch = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            String text = v == JsonToken.VALUE_NULL ? null : p.getText();
            switch (field) {
                case "token" -> token = text;
                case "symbol" -> symbol = text;
                case "name" -> name = text;
                case "expiry" -> expiry = text;
                case "strike" -> strike = text;
                case "instrumenttype" -> type = text;
                case "exch_seg" -> exch = text;
                default -> {}
            }
        }
        return new Row(token, symbol, name, expiry, strike, type, exch);
    }
}
