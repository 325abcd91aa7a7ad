package org.privacymetrics.logback.event;

import java.util.Locale;

/** Why one field of an otherwise forwarded event was left out; each is counted. */
public enum ValueDrop {
    /** The key is neither a metrics field nor an allowed key. */
    KEY_NOT_ALLOWED("the key is not allowed"),
    /** A value outside the closed value set declared for its key ({@code <allowedKey>plan=free|premium</allowedKey>}). */
    NOT_IN_VALUE_SET("the value is not in the key's declared value set"),
    /** An allowed key's value is not a string, number or boolean. */
    NOT_A_VALUE("allowed values are strings, numbers and booleans only"),
    /** An allowed string value is longer than {@code maxValueLength}. */
    TOO_LONG("the value is longer than maxValueLength"),
    /** An allowed value is a rendering of the event's uid (case, whitespace, URL, base64, JSON escapes, Unicode form). */
    UID_VALUE("the value renders the event's uid"),
    /**
     * An allowed string value holds a token with the shape of the event's uid (same length, letters and digits where the
     * uid has them, the same separators): most likely another user's id of the same scheme. For uids of 8+ characters.
     */
    UID_LIKE("the value holds a token shaped like a uid"),
    /**
     * An allowed numeric value whose digits hold personal data (a detector of the PII engine matches them in plain
     * notation, e.g. a card number logged as a {@code long}): a number cannot be masked in part, so it is left out.
     */
    PERSONAL_DATA_NUMBER("the number's digits contain personal data (the PII engine matches them)"),
    /** A caller's {@code event_id} that is not a UUID; a random one is used instead. */
    INVALID_EVENT_ID("event_id must be a UUID");

    private final String rule;

    ValueDrop(String rule) {
        this.rule = rule;
    }

    /** The lower-case name used in statistics, e.g. {@code uid_value}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule the value broke. */
    public String rule() {
        return rule;
    }
}
