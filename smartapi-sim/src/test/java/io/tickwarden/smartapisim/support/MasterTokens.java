package io.tickwarden.smartapisim.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/** Tokens the tests need, looked up in the sim's instrument master (read once: it is fixed for the run). */
public final class MasterTokens {

    private static List<Map<String, String>> master;

    private MasterTokens() {}

    public static synchronized List<Map<String, String>> master() {
        if (master == null) {
            master = given().get(Angel.MASTER).jsonPath().getList("$");
        }
        return master;
    }

    public static String niftyOption() {
        return master().stream()
                .filter(x -> x.get("symbol").matches("NIFTY\\d\\d[A-Z]{3}\\d\\d24000CE"))
                .findFirst()
                .orElseThrow()
                .get("token");
    }

    public static String usdInr() {
        return master().stream()
                .filter(x -> x.get("exch_seg").equals("CDS") && x.get("name").equals("USDINR"))
                .findFirst()
                .orElseThrow()
                .get("token");
    }

    public static List<String> nfoOptions(int count) {
        return master().stream()
                .filter(x -> x.get("instrumenttype").equals("OPTIDX"))
                .limit(count)
                .map(x -> x.get("token"))
                .toList();
    }
}
