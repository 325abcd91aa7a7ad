package org.privacymetrics.es.rollup.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.privacymetrics.es.rollup.noise.DiscreteLaplace;
import org.privacymetrics.es.rollup.noise.Rational;

/**
 * An immutable, validated rollup job: the body of {@code PUT _privacy/rollup/job/{name}}.
 *
 * <p>Build with {@link #parse(String, Map)} (from the REST body) or {@link #builder(String)}; all rules are checked at
 * build time and every error names the field and the rule.
 */
public final class RollupJob {
    /** Upper bound on the output domain (product of the dimension sizes), to bound memory per run. */
    public static final int MAX_DOMAIN_SIZE = 100_000;
    /** Largest epsilon per measure: beyond it the noise is negligible and the "guarantee" meaningless. */
    public static final double MAX_EPSILON = 1000;
    /** Largest noise scale b = L1 / epsilon: keeps noise, ci95 and noised values far inside a long. */
    public static final double MAX_NOISE_SCALE = 1e9;
    /** Fields that identify users or events: never a dimension. */
    /** What {@code source} means whatever its spelling: the plugin's raw events (stored in {@code .privacy-metrics-events-*}). */
    public static final String DEFAULT_SOURCE = "metrics-events";
    static final Set<String> ACCEPTED_SOURCES = Set.of("metrics-events", "metrics-events-*");
    static final String SOURCE_RULE = "field [source] is optional and may only be [metrics-events] or [metrics-events-*]: a job reads"
        + " the plugin's raw events and nothing else";
    static final Set<String> RESERVED_FIELDS = Set.of("@timestamp", "event_id", "metrics_id", "metrics_epoch", "metrics_key_id");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,99}");
    /** The rule of {@link #isValidName(String)}, for error messages (which never repeat the name given). */
    public static final String NAME_RULE = "must be 1-100 characters of [a-z0-9_-], starting with a letter or digit";
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_.]{0,99}");
    private static final Pattern DELAY = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private final String name;
    private final String source;
    private final Window window;
    private final Map<String, List<String>> dimensions;
    private final Map<Measure, MeasureSpec> measures;
    private final int maxKeysPerUser;
    private final boolean schedule;
    private final Duration delay;
    private final LocalDate start;

    private RollupJob(Builder b) {
        this.name = b.name;
        this.source = b.source;
        this.window = b.window;
        Map<String, List<String>> dims = new LinkedHashMap<>();
        b.dimensions.forEach((k, v) -> dims.put(k, List.copyOf(v)));
        this.dimensions = Collections.unmodifiableMap(dims);
        this.maxKeysPerUser = b.maxKeysPerUser;
        Map<Measure, MeasureSpec> ms = new EnumMap<>(Measure.class);
        b.measures.forEach((m, spec) -> ms.put(m, spec.withSensitivity(sensitivity(m, spec.maxPerKey(), b.maxKeysPerUser))));
        this.measures = Collections.unmodifiableMap(ms);
        this.schedule = b.schedule;
        this.delay = b.delay;
        this.start = b.start;
    }

    /** The first window a scheduled job covers ({@code "start"}), or null for the last window closed when stored. */
    public LocalDate start() {
        return start;
    }

    /**
     * A digest of everything that changes what a run computes (not the schedule): stored with each run, so a retry of a
     * run_id after the job was redefined is refused instead of mixing two definitions under one charge.
     */
    public String definitionHash() {
        Map<String, Object> m = new java.util.TreeMap<>(toMap());
        m.remove("schedule");
        m.remove("delay");
        m.remove("start");
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(m.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * L1 sensitivities after contribution bounding: one user changes at most {@code max_keys_per_user} keys; for users by
     * 1 each, for events by at most {@code max_per_key} each; multi_service_users is one count a user changes by 1.
     */
    static long sensitivity(Measure m, int maxPerKey, int maxKeysPerUser) {
        return switch (m) {
            case USERS -> maxKeysPerUser;
            case EVENTS -> Math.multiplyExact((long) maxKeysPerUser, maxPerKey);
            case MULTI_SERVICE_USERS -> 1;
        };
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String source() {
        return source;
    }

    public Window window() {
        return window;
    }

    /** Dimension name to declared values, in declaration order. */
    public Map<String, List<String>> dimensions() {
        return dimensions;
    }

    public Map<Measure, MeasureSpec> measures() {
        return measures;
    }

    public int maxKeysPerUser() {
        return maxKeysPerUser;
    }

    public boolean schedule() {
        return schedule;
    }

    public Duration delay() {
        return delay;
    }

    /** Total epsilon a run of this job spends: the sum of its measures' epsilons, exactly. */
    public Rational epsilonPerRun() {
        Rational sum = null;
        for (MeasureSpec spec : measures.values()) {
            sum = sum == null ? spec.epsilon() : sum.add(spec.epsilon());
        }
        return sum;
    }

    /** Number of keys in the output domain. */
    public int domainSize() {
        int size = 1;
        for (List<String> values : dimensions.values()) {
            size *= values.size();
        }
        return size;
    }

    /** The job as the JSON map it was built from (stored in the cluster). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("window", window.apiName());
        m.put("dimensions", dimensions);
        Map<String, Object> ms = new LinkedHashMap<>();
        for (MeasureSpec spec : measures.values()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("epsilon", spec.epsilonValue());
            if (spec.measure() == Measure.EVENTS) {
                one.put("max_per_key", spec.maxPerKey());
            }
            ms.put(spec.measure().apiName(), one);
        }
        m.put("measures", ms);
        m.put("max_keys_per_user", maxKeysPerUser);
        if (schedule) {
            m.put("schedule", true);
            m.put("delay", delay.toMillis() + "ms");
            if (start != null) {
                m.put("start", start.toString());
            }
        }
        return m;
    }

    /** Whether {@code name} may name a job: 1-100 characters of {@code [a-z0-9_-]}, starting with a letter or digit. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Parses and validates a job body. */
    @SuppressWarnings("unchecked")
    public static RollupJob parse(String name, Map<String, ?> body) {
        if (body == null) {
            throw new IllegalArgumentException("request body is required");
        }
        Builder b = builder(name);
        for (String key : body.keySet()) {
            if (!Set.of("source", "window", "dimensions", "measures", "max_keys_per_user", "schedule", "delay", "start").contains(key)) {
                throw new IllegalArgumentException("field [" + key + "] is not allowed");
            }
        }
        Object source = body.get("source");
        if (source != null) {
            if (!(source instanceof String s)) {
                throw new IllegalArgumentException(SOURCE_RULE);
            }
            b.source(s);
        }
        b.window(Window.parse("window", body.get("window")));
        Object dims = body.get("dimensions");
        if (!(dims instanceof Map<?, ?> dimMap) || dimMap.isEmpty()) {
            throw new IllegalArgumentException("field [dimensions] is required and must be an object of field name to a list of values");
        }
        for (Map.Entry<?, ?> e : dimMap.entrySet()) {
            String field = "dimensions." + e.getKey();
            if (!(e.getValue() instanceof List<?> values)) {
                throw new IllegalArgumentException("field [" + field + "] must be a non-empty list of strings");
            }
            List<String> strings = new ArrayList<>();
            for (Object v : values) {
                if (!(v instanceof String sv) || sv.isEmpty()) {
                    throw new IllegalArgumentException("field [" + field + "] must be a non-empty list of strings, got [" + v + "]");
                }
                strings.add(sv);
            }
            b.dimension((String) e.getKey(), strings);
        }
        Object measures = body.get("measures");
        if (!(measures instanceof Map<?, ?> measureMap) || measureMap.isEmpty()) {
            throw new IllegalArgumentException("field [measures] is required and must name at least one of [users, events, multi_service_users]");
        }
        for (Map.Entry<?, ?> e : measureMap.entrySet()) {
            String field = "measures." + e.getKey();
            Measure m = Measure.fromApiName(String.valueOf(e.getKey()));
            if (m == null) {
                throw new IllegalArgumentException("field [" + field + "] is not allowed; measures are [users, events, multi_service_users]");
            }
            if (!(e.getValue() instanceof Map<?, ?> spec)) {
                throw new IllegalArgumentException("field [" + field + "] must be an object with [epsilon]");
            }
            for (Object k : spec.keySet()) {
                if (!"epsilon".equals(k) && !(m == Measure.EVENTS && "max_per_key".equals(k))) {
                    throw new IllegalArgumentException("field [" + field + "." + k + "] is not allowed");
                }
            }
            double epsilon = number(field + ".epsilon", spec.get("epsilon"));
            int maxPerKey = 1;
            if (m == Measure.EVENTS) {
                maxPerKey = positiveInt(field + ".max_per_key", spec.get("max_per_key"));
            }
            b.measure(m, epsilon, maxPerKey);
        }
        b.maxKeysPerUser(positiveInt("max_keys_per_user", body.get("max_keys_per_user")));
        Object schedule = body.get("schedule");
        if (schedule != null && !(schedule instanceof Boolean)) {
            throw new IllegalArgumentException("field [schedule] must be a boolean");
        }
        Object delay = body.get("delay");
        if (delay != null && !Boolean.TRUE.equals(schedule)) {
            throw new IllegalArgumentException("field [delay] is only allowed with [schedule: true]");
        }
        if (Boolean.TRUE.equals(schedule)) {
            b.schedule(delay == null ? Duration.ZERO : parseDelay(delay));
        }
        Object start = body.get("start");
        if (start != null) {
            if (!Boolean.TRUE.equals(schedule)) {
                throw new IllegalArgumentException("field [start] is only allowed with [schedule: true]");
            }
            b.start(Window.parse("window", body.get("window")).parseStart("start", start));
        }
        return b.build();
    }

    private static double number(String field, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("field [" + field + "] is required and must be a number greater than 0");
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d <= 0) {
            throw new IllegalArgumentException("field [" + field + "] must be a number greater than 0, got [" + value + "]");
        }
        return d;
    }

    private static int positiveInt(String field, Object value) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 1
            || ((Number) value).longValue() > 1_000_000) {
            throw new IllegalArgumentException("field [" + field + "] is required and must be an integer between 1 and 1000000, got [" + value + "]");
        }
        return ((Number) value).intValue();
    }

    static Duration parseDelay(Object value) {
        Matcher m = value instanceof String s ? DELAY.matcher(s) : null;
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("field [delay] must be a duration such as [2h] (units ms, s, m, h, d), got [" + value + "]");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupJob j && j.name.equals(name) && j.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, toMap());
    }

    @Override
    public String toString() {
        return "RollupJob[" + name + " " + toMap() + "]";
    }

    /** One measure's privacy parameters, with the mechanism its sensitivity and epsilon define. */
    public record MeasureSpec(Measure measure, double epsilonValue, Rational epsilon, int maxPerKey, DiscreteLaplace mechanism) {
        MeasureSpec withSensitivity(long l1) {
            return new MeasureSpec(measure, epsilonValue, epsilon, maxPerKey,
                DiscreteLaplace.builder().l1Sensitivity(l1).epsilon(epsilon).build());
        }

        /** Epsilon as an exact decimal (what the ledger charges). */
        public BigDecimal epsilonDecimal() {
            return epsilon.toBigDecimal();
        }
    }

    /** Validating builder. */
    public static final class Builder {
        private final String name;
        private String source;
        private Window window;
        private final Map<String, List<String>> dimensions = new LinkedHashMap<>();
        private final Map<Measure, MeasureSpec> measures = new EnumMap<>(Measure.class);
        private int maxKeysPerUser;
        private boolean schedule;
        private Duration delay = Duration.ZERO;
        private LocalDate start;

        private Builder(String name) {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("job name [" + name + "] " + NAME_RULE);
            }
            this.name = name;
        }

        /**
         * A job reads the plugin's raw event storage and nothing else: runs read as the plugin, so a source that could
         * name any other index would let a job author aggregate data they cannot read, or data no ledger entry covers
         * (a copy, a restored snapshot). The two spellings clients know are accepted and mean the same.
         */
        public Builder source(String source) {
            if (source == null || !ACCEPTED_SOURCES.contains(source)) {
                throw new IllegalArgumentException(SOURCE_RULE);
            }
            this.source = DEFAULT_SOURCE;
            return this;
        }

        public Builder window(Window window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder dimension(String field, List<String> values) {
            String f = "dimensions." + field;
            if (field == null || !FIELD.matcher(field).matches() || RESERVED_FIELDS.contains(field)) {
                throw new IllegalArgumentException("field [" + f + "] is not allowed: dimensions must be non-identifying keyword fields");
            }
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("field [" + f + "] must be a non-empty list of strings");
            }
            Set<String> distinct = new LinkedHashSet<>(values);
            if (distinct.size() != values.size()) {
                throw new IllegalArgumentException("field [" + f + "] must not repeat a value");
            }
            dimensions.put(field, List.copyOf(values));
            return this;
        }

        public Builder measure(Measure measure, double epsilon, int maxPerKey) {
            String f = "measures." + measure.apiName();
            if (!Double.isFinite(epsilon) || epsilon <= 0 || epsilon > MAX_EPSILON) {
                throw new IllegalArgumentException("field [" + f + ".epsilon] must be a number greater than 0 and at most ["
                    + (long) MAX_EPSILON + "], got [" + epsilon + "]");
            }
            if (maxPerKey < 1) {
                throw new IllegalArgumentException("field [" + f + ".max_per_key] must be at least 1, got [" + maxPerKey + "]");
            }
            measures.put(measure, new MeasureSpec(measure, epsilon, Rational.fromDecimal(epsilon), maxPerKey, null));
            return this;
        }

        public Builder maxKeysPerUser(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("field [max_keys_per_user] must be at least 1, got [" + value + "]");
            }
            this.maxKeysPerUser = value;
            return this;
        }

        public Builder schedule(Duration delay) {
            this.schedule = true;
            this.delay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** The first window a scheduled job covers (a window boundary). */
        public Builder start(LocalDate start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        public RollupJob build() {
            if (source == null) {
                source = DEFAULT_SOURCE;
            }
            if (window == null) {
                throw new IllegalArgumentException("field [window] is required");
            }
            if (dimensions.isEmpty()) {
                throw new IllegalArgumentException("field [dimensions] must declare at least one dimension");
            }
            long size = 1;
            for (List<String> v : dimensions.values()) {
                size *= v.size();
                if (size > MAX_DOMAIN_SIZE) {
                    throw new IllegalArgumentException("field [dimensions] declares more than [" + MAX_DOMAIN_SIZE + "] keys");
                }
            }
            if (measures.isEmpty()) {
                throw new IllegalArgumentException("field [measures] must name at least one measure");
            }
            if (maxKeysPerUser < 1) {
                throw new IllegalArgumentException("field [max_keys_per_user] is required and must be at least 1");
            }
            for (MeasureSpec spec : measures.values()) {
                double scale = (double) sensitivity(spec.measure(), spec.maxPerKey(), maxKeysPerUser) / spec.epsilonValue();
                if (scale > MAX_NOISE_SCALE) {
                    throw new IllegalArgumentException("field [measures." + spec.measure().apiName() + ".epsilon] [" + spec.epsilonValue()
                        + "] gives a noise scale above [1e9] with this job's contribution bounds; raise epsilon or lower the bounds");
                }
            }
            return new RollupJob(this);
        }
    }
}
