package io.tickwarden.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table built row by row; numbers are formatted once here so every report looks the same. */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(format(c));
        }
        rows.add(r);
        return this;
    }

    public static String format(Object c) {
        if (c instanceof Double d) {
            if (Double.isNaN(d)) {
                return "n/a";
            }
            double a = Math.abs(d);
            return a >= 100
                    ? String.format(Locale.ROOT, "%,.0f", d)
                    : a >= 10 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.2f", d);
        }
        if (c instanceof Long || c instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) c).longValue());
        }
        return String.valueOf(c);
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
