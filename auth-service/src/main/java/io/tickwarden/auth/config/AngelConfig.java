package io.tickwarden.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where Angel One SmartAPI lives and who we are to it (used only with {@code BROKER=angel}). Nothing has a default
 * except the URL: a missing setting is reported in {@code /api/auth/state} and readiness instead of failing start-up
 * (a crash loop of logins could lock the account). The PIN and the TOTP secret may come from files instead, e.g. a
 * mounted Kubernetes secret ({@code ANGEL_PIN_FILE}, {@code ANGEL_TOTP_SECRET_FILE}); a file wins over the variable.
 */
@ConfigMapping(prefix = "angel")
public interface AngelConfig {

    /** ANGEL_API_URL, base of the REST calls. */
    @WithDefault("https://apiconnect.angelone.in")
    String apiUrl();

    /** ANGEL_API_KEY: the SmartAPI app's key, sent as {@code X-PrivateKey}. */
    Optional<String> apiKey();

    /** ANGEL_CLIENT_CODE: the Angel One account, e.g. {@code S100001}. */
    Optional<String> clientCode();

    /** ANGEL_PIN: the account PIN (Angel's {@code password}). Secret. */
    Optional<String> pin();

    /** ANGEL_PIN_FILE: a file holding the PIN (trailing whitespace ignored). */
    Optional<String> pinFile();

    /** ANGEL_TOTP_SECRET: the base32 TOTP secret enabled in Angel's portal. Secret. */
    Optional<String> totpSecret();

    /** ANGEL_TOTP_SECRET_FILE: a file holding the TOTP secret. */
    Optional<String> totpSecretFile();

    /** Angel wants these headers on every call; the defaults are looked up from this host. */
    Optional<String> clientLocalIp();

    Optional<String> clientPublicIp();

    Optional<String> macAddress();

    /**
     * The feed's settings (ANGEL_WS_URL, ANGEL_INSTRUMENTS_URL), unused here but part of the {@code angel} prefix:
     * accepted so that one set of {@code angel.*} properties can configure every service.
     */
    @WithDefault("wss://smartapisocket.angelone.in/smart-stream")
    String wsUrl();

    @WithDefault("https://margincalculator.angelbroking.com/OpenAPI_File/files/OpenAPIScripMaster.json")
    String instrumentsUrl();
}
