package org.privacymetrics.es.rollup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.privacymetrics.es.rollup.job.Measure;

/** The noised result of one run: one row per declared key and measure (one row for multi_service_users). */
public record RollupResult(List<Row> rows) {

    /** One noised value. {@code key} is empty for multi_service_users. */
    public record Row(Map<String, String> key, Measure measure, long value, double noiseScale, long ci95) {
        /** The row as in the API response: dimension fields, then measure, value, noise_scale, ci95. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(key);
            m.put("measure", measure.apiName());
            m.put("value", value);
            m.put("noise_scale", noiseScale);
            m.put("ci95", ci95);
            return m;
        }
    }
}
