package io.tickwarden.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts of the results (XChart, rendered headless). */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** One line per series over a shared x axis (e.g. client count), y in the given unit. */
    public static void lines(
            Path png,
            String title,
            String xTitle,
            String yTitle,
            List<? extends Number> x,
            Map<String, List<? extends Number>> series,
            boolean logY) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(540)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        series.forEach((name, y) -> {
            // A point without a value (NaN: e.g. every rep saturated) is left out rather than drawn at zero.
            List<Number> xs = new java.util.ArrayList<>();
            List<Number> ys = new java.util.ArrayList<>();
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                Number v = y.get(i);
                if (v != null && Double.isFinite(v.doubleValue())) {
                    xs.add(x.get(i));
                    ys.add(v);
                }
            }
            if (!ys.isEmpty()) {
                chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        save(chart, png);
    }

    /** A box per fault kind (gap distributions). */
    public static void boxes(Path png, String title, String yTitle, Map<String, List<Double>> samples) {
        BoxChart chart = new BoxChartBuilder()
                .width(900)
                .height(540)
                .title(title)
                .yAxisTitle(yTitle)
                .build();
        samples.forEach((name, values) -> {
            if (!values.isEmpty()) {
                chart.addSeries(name, values);
            }
        });
        save(chart, png);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
