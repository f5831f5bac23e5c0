package io.tickwarden.feed.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** An {@link AuthReporter} without Redis: records each report and answers with the receivers the test chooses. */
public class FakeAuthReporter extends AuthReporter {

    public final List<Report> sent = new ArrayList<>();
    public ToLongFunction<Report> receivers = r -> 1;

    public FakeAuthReporter() {
        super(null, null, null);
    }

    @Override
    public long send(Report report) {
        sent.add(report);
        return receivers.applyAsLong(report);
    }
}
