package io.tickwarden.kite;

import com.zerodhatech.kiteconnect.Routes;
import java.lang.reflect.Field;

/**
 * kiteconnect 3.5.1 has no API to point it at another host: its URLs are private static fields of
 * {@link Routes}. This is the one place that sets them (process-global), so KITE_API_URL / KITE_WS_URL /
 * KITE_LOGIN_URL can point at kite-sim. Native images need these fields registered for reflective writes.
 */
public final class KiteRoutes {

    private KiteRoutes() {}

    public static synchronized void pointAt(String apiUrl, String wsUrl, String loginUrl) {
        set("_rootUrl", stripTrailingSlash(apiUrl));
        set("_wsuri", stripTrailingSlash(wsUrl) + "/?access_token=:access_token&api_key=:api_key");
        set("_loginUrl", loginUrl);
    }

    public static String apiUrl() {
        return get("_rootUrl");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void set(String name, String value) {
        try {
            Field field = Routes.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(null, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "kiteconnect Routes." + name + " cannot be set; did the library change?", e);
        }
    }

    private static String get(String name) {
        try {
            Field field = Routes.class.getDeclaredField(name);
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kiteconnect Routes." + name + " cannot be read", e);
        }
    }
}
