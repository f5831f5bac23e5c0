package io.tickwarden.kitesim.rest;

import io.tickwarden.kitesim.config.SimConfig;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo user's profile fields, shared by {@code /session/token} and {@code /user/profile}. */
@Singleton
public class UserProfiles {

    private final SimConfig config;

    UserProfiles(SimConfig config) {
        this.config = config;
    }

    public Map<String, Object> profile() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("user_id", config.userId());
        p.put("user_type", "individual");
        p.put("email", "sim.trader@example.invalid");
        p.put("user_name", config.userName());
        p.put("user_shortname", config.userName().split(" ")[0]);
        p.put("broker", "ZERODHA");
        p.put("exchanges", List.of("NSE", "NFO", "BFO", "CDS", "BSE", "MCX", "BCD", "MF"));
        p.put("products", List.of("CNC", "NRML", "MIS", "BO", "CO"));
        p.put("order_types", List.of("MARKET", "LIMIT", "SL", "SL-M"));
        p.put("avatar_url", null);
        p.put("meta", Map.of("demat_consent", "physical"));
        return p;
    }
}
