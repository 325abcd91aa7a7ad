package org.privacymetrics.logback.event;

import java.util.Locale;

/** Why {@code MetricsIdAppender} dropped a whole event; each is counted and reported in throttled status warnings. */
public enum EventDrop {
    /** No uid under the uid key in any channel. */
    MISSING_UID("no uid under the uid key in the MDC, key-value pairs, structured arguments or markers"),
    /** A blank uid, or one whose rendering to a string failed. */
    INVALID_UID("the uid is blank or cannot be rendered to a string"),
    /** Two channels carry different uids: the event is not attributed by guessing. */
    CONFLICTING_UID("the channels carry different uids"),
    /** No event name of the form [A-Za-z0-9_.:-]{1,64} (key-value pair, MDC or marker `event`, else the message pattern). */
    INVALID_EVENT("no event name matching [A-Za-z0-9_.:-]{1,64} in `event` or the message pattern, or it renders the uid"),
    /**
     * The event name holds personal data (a detector of the PII engine matches it, e.g. {@code usage.info("4111111111111111")}):
     * it would reach every downstream appender as {@code event} and {@code message}, so the event is not forwarded.
     */
    PERSONAL_DATA_EVENT("the event name contains personal data (the PII engine matches it)"),
    /** A structured argument or marker could not be read, so its uid (if any) could not be checked. */
    UNREADABLE_FIELD("a structured argument or marker cannot be read"),
    /** An unexpected failure while building the event. */
    FAILED("building the event failed");

    private final String rule;

    EventDrop(String rule) {
        this.rule = rule;
    }

    /** The lower-case name used in statistics and status messages, e.g. {@code conflicting_uid}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rule the event broke, for status messages (never a value of the event). */
    public String rule() {
        return rule;
    }
}
