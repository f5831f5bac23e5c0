package io.tickwarden.session.rest;

import io.tickwarden.contracts.session.MarketSessionSnapshot;
import io.tickwarden.edge.ApiError;
import io.tickwarden.session.domain.CalendarEntry;
import io.tickwarden.session.domain.ExchangeCalendar;
import io.tickwarden.session.domain.Market;
import io.tickwarden.session.domain.Markets;
import io.tickwarden.session.domain.SessionEngine;
import io.tickwarden.session.service.OverrideService;
import io.tickwarden.session.service.SessionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The read side of the contract: current phase, phase at an instant, and the calendar. */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final SessionEngine engine;
    private final OverrideService overrides;

    public SessionResource(SessionService sessions, SessionEngine engine, OverrideService overrides) {
        this.sessions = sessions;
        this.engine = engine;
        this.overrides = overrides;
    }

    @GET
    @Operation(summary = "Current session phase of an exchange segment (default NSE CM)")
    public MarketSessionSnapshot current(
            @QueryParam("exchange") @Parameter(description = "NSE, BSE or MCX") String exchange,
            @QueryParam("segment") @Parameter(description = "NSE: CM, FO, CDS; BSE: CM, FO; MCX: COM") String segment) {
        return sessions.current(Markets.resolve(exchange, segment));
    }

    @GET
    @Path("/at")
    @Operation(summary = "Session phase at an instant (ISO-8601 instant or offset date-time)")
    public MarketSessionSnapshot at(
            @QueryParam("time") String time,
            @QueryParam("exchange") String exchange,
            @QueryParam("segment") String segment) {
        Market market = Markets.resolve(exchange, segment);
        return sessions.at(TimeParam.parse(time), market);
    }

    @GET
    @Path("/all")
    @Operation(summary = "Current snapshot of every exchange segment")
    public List<MarketSessionSnapshot> all() {
        return Markets.all().stream().map(sessions::current).toList();
    }

    @GET
    @Path("/calendar")
    @Operation(summary = "Holidays, special sessions, MCX half days, timing rules and overrides of a year")
    public CalendarViews.CalendarView calendar(
            @QueryParam("exchange") String exchange,
            @QueryParam("year") String year,
            @QueryParam("segment") String segment) {
        String ex = Markets.exchange(exchange);
        String seg = segment == null || segment.isBlank()
                ? null
                : Markets.resolve(ex, segment).segment();
        int y;
        if (year == null || year.isBlank()) {
            y = sessions.now().atZone(SessionEngine.IST).getYear();
        } else {
            try {
                y = Integer.parseInt(year.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest(
                        "invalid_year", "'year' must be a four-digit year such as 2026, got '" + year + "'");
            }
            if (y < 2000 || y > 2100) {
                throw ApiError.badRequest("invalid_year", "'year' must be between 2000 and 2100");
            }
        }
        ExchangeCalendar cal = engine.calendar();
        List<CalendarEntry> rows = cal.entries(ex, y).stream()
                .filter(e -> seg == null || e.segments().contains(seg))
                .toList();
        boolean published = cal.published(ex, y);
        return new CalendarViews.CalendarView(
                ex,
                y,
                seg,
                published,
                published
                        ? null
                        : ex + " has not published its " + y + " holiday list in our calendar data;"
                                + " only weekends are known. Update the calendar file when the exchange publishes it.",
                rows.stream()
                        .filter(e -> e.kind() == CalendarEntry.Kind.HOLIDAY)
                        .map(CalendarViews::holiday)
                        .toList(),
                rows.stream()
                        .filter(e -> e.kind() == CalendarEntry.Kind.SPECIAL_SESSION)
                        .map(CalendarViews::special)
                        .toList(),
                rows.stream()
                        .filter(e -> e.kind() == CalendarEntry.Kind.SESSIONS)
                        .map(CalendarViews::partial)
                        .toList(),
                cal.rules().stream()
                        .filter(r -> r.exchange().equals(ex)
                                && (seg == null || r.segments().contains(seg))
                                && r.effectiveFrom().getYear() <= y)
                        .map(CalendarViews::rule)
                        .toList(),
                overrides.list().stream()
                        .filter(o -> o.exchange().equals(ex)
                                && o.date().getYear() == y
                                && (seg == null || o.segments().contains(seg)))
                        .map(CalendarViews::override)
                        .toList());
    }
}
