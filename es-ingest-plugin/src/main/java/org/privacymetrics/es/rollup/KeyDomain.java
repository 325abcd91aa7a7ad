package org.privacymetrics.es.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output domain: the cartesian product of the declared dimension values, indexed in mixed radix. */
public final class KeyDomain {
    private final List<String> dimensions;
    private final List<List<String>> values;
    private final List<Map<String, Integer>> positions;
    private final int size;

    public KeyDomain(Map<String, List<String>> declared) {
        this.dimensions = List.copyOf(declared.keySet());
        this.values = new ArrayList<>();
        this.positions = new ArrayList<>();
        int s = 1;
        for (List<String> v : declared.values()) {
            values.add(List.copyOf(v));
            Map<String, Integer> pos = new HashMap<>();
            for (int i = 0; i < v.size(); i++) {
                pos.put(v.get(i), i);
            }
            positions.add(pos);
            s = Math.multiplyExact(s, v.size());
        }
        this.size = s;
    }

    public List<String> dimensions() {
        return dimensions;
    }

    public int size() {
        return size;
    }

    /** Index of a key (values in dimension order), or -1 if any value is not declared. */
    public int indexOf(List<String> key) {
        if (key.size() != dimensions.size()) {
            return -1;
        }
        int index = 0;
        for (int d = 0; d < dimensions.size(); d++) {
            Integer p = key.get(d) == null ? null : positions.get(d).get(key.get(d));
            if (p == null) {
                return -1;
            }
            index = index * values.get(d).size() + p;
        }
        return index;
    }

    /** The key at {@code index} as dimension name to value, in dimension order. */
    public Map<String, String> keyMap(int index) {
        String[] out = new String[dimensions.size()];
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            int radix = values.get(d).size();
            out[d] = values.get(d).get(index % radix);
            index /= radix;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int d = 0; d < out.length; d++) {
            m.put(dimensions.get(d), out[d]);
        }
        return m;
    }
}
