package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.SimStats;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Counts Kite API requests per path and answers them with 403 TokenException while {@code reject_403} is on. */
public class KiteRequestFilter {

    private final SimStats stats;
    private final FaultController faults;

    KiteRequestFilter(SimStats stats, FaultController faults) {
        this.stats = stats;
        this.faults = faults;
    }

    @ServerRequestFilter(preMatching = true)
    public Response filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/sim") || path.startsWith("/q/")) {
            return null;
        }
        stats.restRequest(path);
        if (!path.startsWith("/connect") && faults.isActive(FaultKind.REJECT_403)) {
            return KiteResponses.error(403, "TokenException", "Incorrect `api_key` or `access_token`.");
        }
        return null;
    }
}
