package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.sim.Instrument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** {@code /instruments} and {@code /instruments/{exchange}}: Kite's CSV dump, priced at the current LTP. */
@Path("/instruments")
public class InstrumentsResource {

    private static final String HEADER = "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,"
            + "strike,tick_size,lot_size,instrument_type,segment,exchange\n";

    private final MarketService market;

    InstrumentsResource(MarketService market) {
        this.market = market;
    }

    @GET
    public Response all() {
        return csv(null);
    }

    @GET
    @Path("/{exchange}")
    public Response byExchange(@PathParam("exchange") String exchange) {
        String wanted = exchange.toUpperCase(Locale.ROOT);
        boolean known = market.model().catalog().all().stream()
                .anyMatch(i -> i.exchange().equals(wanted));
        if (!known) {
            throw KiteApiException.input("Unknown exchange `" + exchange + "`.");
        }
        return csv(wanted);
    }

    private Response csv(String exchange) {
        StringBuilder sb = new StringBuilder(HEADER);
        var catalog = market.model().catalog();
        for (int i = 0; i < catalog.size(); i++) {
            Instrument in = catalog.get(i);
            if (exchange != null && !in.exchange().equals(exchange)) {
                continue;
            }
            sb.append(in.instrumentToken())
                    .append(',')
                    .append(in.exchangeToken())
                    .append(',')
                    .append(quote(in.tradingsymbol()))
                    .append(',')
                    .append(quote(in.name()))
                    .append(',')
                    .append(
                            in.isIndex()
                                    ? "0"
                                    : format(in.price(market.model().snapshot(i).lastPrice())))
                    .append(',')
                    .append(in.expiry() == null ? "" : in.expiry().toString())
                    .append(',')
                    .append(format(in.strike()))
                    .append(',')
                    .append(format(in.price(in.tickUnits())))
                    .append(',')
                    .append(in.lotSize())
                    .append(',')
                    .append(in.instrumentType())
                    .append(',')
                    .append(in.segment().csvSegment())
                    .append(',')
                    .append(in.exchange())
                    .append('\n');
        }
        return Response.ok(sb.toString(), "text/csv").build();
    }

    private static String format(double value) {
        String s = Double.toString(value);
        return s.contains("E") ? java.math.BigDecimal.valueOf(value).toPlainString() : s;
    }

    private static String quote(String value) {
        if (value.contains(",") || value.contains("\"")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
