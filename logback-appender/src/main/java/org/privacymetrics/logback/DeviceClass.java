package org.privacymetrics.logback;

import java.util.Locale;

/**
 * The coarse device class of a User-Agent: the only part of it that leaves the process. Deliberately coarse (five
 * values), so it cannot help fingerprint a person.
 */
public enum DeviceClass {
    MOBILE, TABLET, DESKTOP, BOT, UNKNOWN;

    /** The value written to the {@code device} field. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final int CACHE_SIZE = 1024;
    private static final java.util.Map<String, DeviceClass> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Classifies a User-Agent header value; {@code null} or blank gives {@link #UNKNOWN}. */
    public static DeviceClass of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        // A service sees few distinct User-Agents: remember recent answers (bounded; cleared when full).
        DeviceClass known = CACHE.get(userAgent);
        if (known != null) {
            return known;
        }
        DeviceClass d = classify(userAgent);
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(userAgent, d);
        return d;
    }

    private static DeviceClass classify(String userAgent) {
        String ua = userAgent.toLowerCase(Locale.ROOT);
        // Bots first: many crawlers also claim "Mobile" or "Android" to get the mobile page.
        if (containsAny(ua, "bot", "crawler", "spider", "slurp", "curl/", "wget/", "python-requests", "okhttp", "go-http-client",
                "java/", "apache-httpclient", "headlesschrome", "lighthouse", "facebookexternalhit", "preview")) {
            return BOT;
        }
        // Tablets before phones: iPads and Android tablets also say "Mobile" or "Android".
        if (containsAny(ua, "ipad", "tablet", "kindle", "silk/", "playbook") || (ua.contains("android") && !ua.contains("mobile"))) {
            return TABLET;
        }
        if (containsAny(ua, "iphone", "ipod", "android", "mobile", "windows phone", "blackberry", "opera mini", "iemobile")) {
            return MOBILE;
        }
        if (containsAny(ua, "windows nt", "macintosh", "mac os x", "x11", "linux", "cros", "windows")) {
            return DESKTOP;
        }
        return UNKNOWN;
    }

    /** Parses a device class the caller already knows ({@code mobile}, …); {@code null} when it is not one. */
    public static DeviceClass parse(String value) {
        if (value == null) {
            return null;
        }
        for (DeviceClass d : values()) {
            if (d.value().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        return null;
    }

    private static boolean containsAny(String s, String... needles) {
        for (String n : needles) {
            if (s.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
