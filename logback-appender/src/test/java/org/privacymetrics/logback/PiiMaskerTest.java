package org.privacymetrics.logback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The edge masks the same families as the ingest scrub, from the same engine (privacy-metrics-core). */
class PiiMaskerTest {

    private final PiiMasker masker = new PiiMasker();

    @Test
    void masksEveryFamilyOfTheSharedEngine() {
        assertThat(masker.mask("josé.val3@example.org paid with 4111_1111_1111_1111 from 203.0.113.22. call +1 (415) 555-0134, "
                + "Authorization: Basic dmFsdXNlcjp2YWxwYXNzd29yZA== IBAN DE89 3704 0044 0532 0130 00 ssn 123-45-6789"))
                .isEqualTo("[masked:email] paid with [masked:card] from [masked:ip]. call [masked:phone], "
                        + "Authorization: [masked:token] IBAN [masked:iban] ssn [masked:ssn]");
        assertThat(PiiMasker.EMAIL_MASK).isEqualTo("[masked:email]");
    }

    @Test
    void masksLookAlikeAndInvisibleSpellingsLikeTheIngestScrub() {
        assertThat(masker.mask("card ４１１１ １１１１ １１１１ １１１１ from 203。0。113。5, mail val\u200B@example.org"))
                .isEqualTo("card [masked:card] from [masked:ip], mail [masked:email]");
        assertThat(PiiMasker.mayContainPii("٤١١١١١١١١١١١١١١١")).isTrue();
    }

    @Test
    void nonStringsAndCleanValuesPassUnchanged() {
        assertThat(masker.mask((Object) 42)).isEqualTo(42);
        String clean = "premium plan, 3 devices, build 2026-10-15T08:30:00Z";
        assertThat(masker.mask(clean)).isSameAs(clean);
        assertThat(masker.mask((String) null)).isNull();
        assertThat(PiiMasker.mayContainPii("sync")).isFalse();
    }

    @Test
    void aLongValueOverTheWorkBudgetIsMaskedWholeAsTheIngestScrubRedactsIt() {
        String dense = "call 415-555-0133 or jane@example.org ".repeat(40);
        assertThat(masker.mask(dense)).isEqualTo("[masked:dense]");
        // the same text under 1,024 characters is read, and only its findings are masked
        assertThat(masker.mask(dense.substring(0, 1000))).startsWith("call [masked:phone] or [masked:email] ").doesNotContain("dense");
        // long prose with an address now and then is read too
        String prose = ("The user opened the app on a mobile device and synced three folders. ".repeat(20) + "mail jane@example.org ").repeat(3);
        assertThat(masker.mask(prose)).contains("mail [masked:email]").doesNotContain("jane@").doesNotContain("dense");
    }
}
