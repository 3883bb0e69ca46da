package io.workchain.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An SVG of latency (p50 and p99) against offered rate, Workchain beside both floors, 1-step chains. */
final class LatencyPlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int MARGIN = 60;

    private LatencyPlot() {}

    static String svg(List<Map<String, Object>> rows) {
        List<Map<String, Object>> open = rows.stream()
                .filter(r -> "open".equals(r.get("mode")) && Integer.valueOf(1).equals(r.get("steps"))).toList();
        double maxRate = open.stream().mapToDouble(r -> (double) r.get("rate")).max().orElse(1);
        double maxLatency = open.stream().mapToDouble(r -> (double) r.get("p99")).max().orElse(1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"24\" font-size=\"15\">1-step chains: latency against offered rate (open loop)</text>%n"
                        + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                        + "<text x=\"%d\" y=\"%d\">rate (chains/s), max %.0f</text><text x=\"8\" y=\"%d\">ms, max %.0f</text>%n",
                WIDTH, HEIGHT, MARGIN, MARGIN, HEIGHT - MARGIN, WIDTH - 20, HEIGHT - MARGIN, MARGIN, 40, MARGIN,
                HEIGHT - MARGIN,
                WIDTH / 2 - 60, HEIGHT - 20, maxRate, 50, maxLatency));
        String[][] series = {{"workchain", "p50", "#1f77b4", ""}, {"workchain", "p99", "#1f77b4", "6,4"},
                {"floor", "p50", "#d62728", ""}, {"floor", "p99", "#d62728", "6,4"},
                {"floor-eos", "p50", "#2ca02c", ""}, {"floor-eos", "p99", "#2ca02c", "6,4"}};
        int legend = 0;
        for (String[] s : series) {
            StringBuilder points = new StringBuilder();
            for (Map<String, Object> row : open) {
                if (s[0].equals(row.get("system"))) {
                    double x = MARGIN + (WIDTH - 20 - MARGIN) * (double) row.get("rate") / maxRate;
                    double y = HEIGHT - MARGIN - (HEIGHT - MARGIN - 40) * (double) row.get(s[1]) / maxLatency;
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x,
                            y, s[2]));
                }
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>%n",
                    points.toString().trim(), s[2], s[3]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s %s%s</text>%n",
                    WIDTH - 200, 50 + 16 * legend++, s[2], s[0], s[1], s[3].isEmpty() ? " (solid)" : " (dashed)"));
        }
        return svg.append("</svg>\n").toString();
    }
}
