package io.tickwarden.session.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 reader (quoted fields, doubled quotes) that skips blank lines and lines starting with '#'. */
final class Csv {

    record Line(int number, List<String> fields) {}

    private Csv() {}

    static List<Line> read(Reader reader) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String raw;
            int number = 0;
            while ((raw = in.readLine()) != null) {
                number++;
                if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                    continue;
                }
                lines.add(new Line(number, split(raw, number)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static List<String> split(String line, int number) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new CalendarFormatException("line " + number + ": unterminated quoted field");
        }
        fields.add(cur.toString().trim());
        return fields;
    }
}
