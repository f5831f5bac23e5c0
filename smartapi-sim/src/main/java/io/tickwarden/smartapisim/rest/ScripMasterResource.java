package io.tickwarden.smartapisim.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.service.MarketService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily instrument master, {@code OpenAPIScripMaster.json}: a JSON array of every contract of the shared
 * universe in Angel's shape, all values strings. No auth, as on Angel's file server. Built once: the universe is
 * fixed for the sim's run.
 */
@Path("/OpenAPI_File/files/OpenAPIScripMaster.json")
public class ScripMasterResource {

    private final byte[] body;

    ScripMasterResource(MarketService market, ObjectMapper json) {
        List<Map<String, String>> rows = new ArrayList<>(market.angel().size());
        for (AngelInstrument in : market.angel().all()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("token", in.token());
            row.put("symbol", in.symbol());
            row.put("name", in.name());
            row.put("expiry", in.expiry());
            row.put("strike", in.strike());
            row.put("lotsize", in.lotsize());
            row.put("instrumenttype", in.instrumenttype());
            row.put("exch_seg", in.exchSeg());
            row.put("tick_size", in.tickSize());
            rows.add(row);
        }
        try {
            this.body = json.writeValueAsBytes(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the instrument master", e);
        }
    }

    @GET
    public Response master() {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
