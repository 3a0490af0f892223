package io.portwatch.notifier.support;

import static io.restassured.RestAssured.get;

/** Reads the notifier's own meters from {@code /q/metrics}, as Prometheus would scrape them. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of a meter's samples whose line names {@code labels} (e.g. {@code output="webhook"}), 0 when absent. */
    public static double sum(String name, String labels) {
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Changes an output delivered so far. */
    public static double delivered(String output) {
        return sum("portwatch_notifier_delivered_total", "output=\"" + output + "\"");
    }

    /** Requests an output retried so far. */
    public static double retried(String output) {
        return sum("portwatch_notifier_retried_total", "output=\"" + output + "\"");
    }

    /** Records an output rejected (not alert-service's finding changes) so far. */
    public static double rejected(String output) {
        return sum("portwatch_notifier_rejected_total", "output=\"" + output + "\"");
    }

    /** Changes an output parked so far. */
    public static double parked(String output) {
        return sum("portwatch_notifier_parked_total", "output=\"" + output + "\"");
    }
}
