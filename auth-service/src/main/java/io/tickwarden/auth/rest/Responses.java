package io.tickwarden.auth.rest;

import io.tickwarden.edge.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Refusals as JSON for programs and as a small HTML page for a browser (the login callback is opened by a
 * human). Every text put in here is already free of secrets.
 */
final class Responses {

    private Responses() {}

    static Response error(int status, ErrorBody body, HttpHeaders headers) {
        if (prefersHtml(headers)) {
            String html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Kite login: "
                    + escape(body.error())
                    + "</title></head><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">"
                    + "<h1>Kite login refused</h1><p>" + escape(body.message()) + "</p>"
                    + (body.detail() == null ? "" : "<p><small>" + escape(body.detail()) + "</small></p>")
                    + "<p>Auth state: <b>" + escape(body.state()) + "</b></p>"
                    + "<p><a href=\"/api/auth/login\">Start the login again</a></p></body></html>";
            return Response.status(status)
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .entity(html)
                    .build();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    private static boolean prefersHtml(HttpHeaders headers) {
        if (headers == null) {
            return false;
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        return false;
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
