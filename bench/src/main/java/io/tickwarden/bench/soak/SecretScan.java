package io.tickwarden.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Looks for secrets (access tokens, the api_secret, the encryption key) in service logs. */
public final class SecretScan {

    public record Finding(Path log, String secretName, int line) {}

    private SecretScan() {}

    /** @param secrets name -> value pairs, flattened as [name0, value0, name1, value1, ...] */
    public static List<Finding> scan(Collection<Path> logs, List<String> secrets) {
        List<Finding> out = new ArrayList<>();
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                for (int s = 0; s + 1 < secrets.size(); s += 2) {
                    String value = secrets.get(s + 1);
                    if (value != null && value.length() >= 8 && lines.get(i).contains(value)) {
                        out.add(new Finding(log, secrets.get(s), i + 1));
                    }
                }
            }
        }
        return out;
    }
}
