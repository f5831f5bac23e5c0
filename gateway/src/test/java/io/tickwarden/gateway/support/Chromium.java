package io.tickwarden.gateway.support;

import java.io.File;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver} (what {@code .ci/run}
 * installs), or the binaries named by CHROMIUM_BIN and CHROMEDRIVER_BIN (a browser unpacked without root).
 */
public final class Chromium {

    public static final File BROWSER = binary("CHROMIUM_BIN", "/usr/bin/chromium");
    public static final File DRIVER = binary("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
    public static final String MISSING =
            "skipped: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)";

    private Chromium() {}

    public static boolean available() {
        return BROWSER.canExecute() && DRIVER.canExecute();
    }

    /** A new headless browser with its own profile folder (the caller deletes it after {@code quit()}). */
    public static WebDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static File binary(String env, String debianPath) {
        String path = System.getenv(env);
        return new File(path == null || path.isBlank() ? debianPath : path);
    }
}
