package org.privacymetrics.core.pii;

/**
 * Payment card numbers (ISO/IEC 7812): 13-19 digits passing the Luhn check, whose first digit is 2-6 (the major
 * industry identifiers of Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay/Maestro). Numbers
 * starting with 1, 7, 8 or 9 (airline, petroleum, telecom, national cards) are not reported: epoch milliseconds and
 * microseconds (13-16 digits starting with 1 until 2033) would otherwise be masked one time in ten.
 * <p>
 * Written either as one run of 13-19 digits, or as groups of 3-6 digits ({@code 4-4-4-4}, Amex {@code 4-6-5},
 * {@code 4-4-4-4-3}, …) joined by separators: each one non-alphanumeric character, or two identical ones, and they
 * may differ from group to group ({@code 4111  1111  1111  1111} with two spaces, {@code 4111-1111 1111.1111}).
 * A number of 14 digits may end with a group of 2 (Diners {@code 3056 9309 0259 04}; since the fourth session of
 * 2026-12-02). Groups of 3-6 digits keep decimals such as {@code 3.14159265358979} out. The number must not touch a letter or
 * digit on either side; a grouped number must not be glued to one by {@code - . / _} either (the digit groups of a
 * UUID, {@code id-4111 1111…}) but for an expiry or a CVV after a last group of 4 or more: 1-4 digits that end there ({@code …-1111/12/25},
 * {@code 4111-1111-1111-1111-1111} is a card and {@code -1111}; since the fourth session of 2026-12-02), but a number of one run of 13-19 digits may be (since the fourth session of
 * 2026-12-02: a path segment {@code /cards/4111…/charge}, {@code ref 2024-12-02_4111…}, a CVV {@code 4111…-123}): a
 * Luhn-valid run that long starting 2-6 is as likely a card glued as not, and masking is preferred; but not by a point
 * to a digit (a decimal, {@code 3311.4587498874744}, stays plain as before).
 * <p>
 * Linear: the scan ({@link DigitScanner}) jumps from digit run to digit run, and each run that can start a number is
 * tried in O(1) amortised: the groups are read once into a {@link Chain} with prefix sums, and an attempt only looks
 * at the at most three groups where a number of 13-19 digits can end (see {@link Chain}). Two shortcuts give the
 * same answers: a run of groups of one length and one separator ({@code 4111 4111 …}) is attempted with one check
 * per group ({@link Chain#uniform}), and an attempt whose next group cannot be attempted (it starts with 0, 1 or 7-9)
 * reads its groups without the chain, the Luhn sum only where a number may end ({@code Chain.fresh}).
 */
final class CardDetector {

    private CardDetector() {
    }

    /**
     * The chain of digit groups the current attempts read: groups joined by one separator ({@code 4111 4111 4111 …}),
     * each read once, with prefix sums of digit counts and Luhn sums, so that an attempt from any group of the chain
     * costs O(1) amortised instead of re-reading the groups after it.
     * <p>
     * An attempt at group t reads groups t, t+1, … while each group has 3-6 digits and a separator and a digit follow
     * it ({@link #LINK}); it stops at a group of
     * fewer than 3 digits or when the digits would exceed 19; a number may end after any group it reads with 13-19
     * digits, end-ok, (grouped) 3-6 digits and a valid Luhn sum, and the longest such number is reported. A chain
     * based at group b holds the groups an attempt at b reads (and the first one it stops at); an attempt at a later
     * group t of the chain reads the same groups from t on. (Until the second session of 2026-12-02 one separator had
     * to be used throughout a number, and a chain's last group could base a new chain; the restart test in
     * {@code locate} is kept, and never true now.) Every group is read into at most two chains (and by at most
     * seven fresh attempts, {@link #fresh}, and one uniform run ahead, {@link #uniform}).
     * <p>
     * The groups between t and the first one where 13 digits are reached all have 3-6 digits (they are linked), so an
     * attempt starts at that group ({@code lo}, which only moves forward as t does) and reads at most three more
     * (each has 3 or more digits, and the number at most 19). The groups are kept in a ring of 8: an attempt at t
     * needs t - 1 (the sums before t) up to at most t + 6 (19 digits in groups of 3 or more, and the one it stops at).
     * The attempts of a chain come group after group, so the next one is found without a search (a fast path).
     */
    static final class Chain {
        private static final int RING = 8;
        private static final int[] DOUBLED = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9}; // 2d, minus 9 when that has two digits
        static final int SEP_KEY = 0x3FFFF; // separator char | length (1 or 2) << 16; 0 if none can follow
        static final int END_OK = 1 << 20; // a number may end after this group
        static final int LINK = 1 << 21; // a separator, 3-6 digits, a digit after the separator: an attempt may go on
        static final int MID = 1 << 22; // 3-6 digits: a group after an attempt's first may be part of a number
        static final int END_RUN = 1 << 23; // a number of one run may end here: no alnum after, glued too but by a decimal point
        static final int GROWS = 1 << 24; // more digits than the chain's group before it (grows)

        private final char[] s;
        // Per group, six ints at (chain index & 7) << 3 of one array (one bounds-checked array instead of six):
        private static final int START = 0;
        private static final int END = 1;
        private static final int INFO = 2; // SEP_KEY | END_OK | LINK | MID
        private static final int DIGITS = 3; // digits of the chain up to and including this group
        private static final int P0 = 4; // Luhn sum up to and including it, doubling even chain indices
        private static final int P1 = 5; // … doubling odd chain indices
        private final int[] r = new int[RING * 8];
        private int built = -1; // index of the last group read; -1 for no chain
        private boolean ended; // the group at built does not link to another
        private int cur; // the group the last attempt started at
        private int lo; // the first group after cur where the digits from cur reach 13, or built + 1
        private final int[] uring = new int[8]; // uniform: the packed sums of the groups ahead, by index & 7
        private int blocked; // uniform: a group before which the uniform run ahead is known to break

        Chain(char[] s) {
            this.s = s;
        }

        /** The end of the longest card number starting at the digit run {@code g}, or -1. */
        int attempt(int g) {
            int[] r = this.r;
            // The attempts of a chain come group after group: the next one is at the group after the last attempt's
            // (the test locate's loop would make first), unless the chain ends there (locate decides on a restart).
            int t = cur + 1;
            if (t < built && r[((t & 7) << 3) + START] == g) {
                cur = t;
            } else {
                t = locate(g);
                if (t < 0) {
                    // No chain group starts at g. Unless the group after g may be attempted too (2-6, 3 digits or
                    // more), the attempt is made without a chain (fresh), and the chain is left empty; else one is
                    // based at g (and g's first group read again).
                    if (fourGroupsAfter(s, g)) {
                        return -1; // the chain stays empty
                    }
                    int end = fresh(g);
                    if (end != MAY_CONTINUE) {
                        return end;
                    }
                    t = rebase(g);
                }
            }
            if (fourGroupsAfter(s, g)) {
                return -1; // after cur is set: the chain's next attempt is at the group after g
            }
            // The digits and Luhn sums before group t: those of group t - 1, still in the ring. An attempt reads at
            // most up to its group + 6 (groups of 3 or more digits, at most 19 digits, and the one it stops at), so
            // when an attempt at t starts the chain is read at most up to t + 5 (the last attempt was at t - 1 or
            // before, and locate reads at most up to t), and group t - 1's slot is that of t + 7.
            int base = 0; // digits before group t
            int p0b = 0;
            int p1b = 0;
            if (t > 0) {
                int kb = ((t - 1) & 7) << 3;
                base = r[kb + DIGITS];
                p0b = r[kb + P0];
                p1b = r[kb + P1];
            }
            // One loop over the groups from the first where 13 digits may be reached (lo, a lower bound: the groups
            // before it are linked, 3-6 digits), with one place that reads a group (so that read is compiled once).
            int u = lo < t ? t : lo;
            for (int j = t + 2; j < u; j++) {
                if (grows(j)) {
                    return -1; // a group inside the number longer than the one before it (see grows)
                }
            }
            int best = -1;
            while (true) {
                if (u > built) {
                    if (ended) {
                        break;
                    }
                    extend();
                }
                int k = (u & 7) << 3;
                int d = r[k + DIGITS];
                boolean grows = u >= t + 2 && grows(u);
                if (d - base < 13) {
                    // Fewer than 13 digits from t: no end here; the group links (or ends the chain: then u == built
                    // and the attempt ends above), and no later attempt can reach 13 digits before it either.
                    if (grows) {
                        break;
                    }
                    lo = ++u;
                    continue;
                }
                if (grows && d - base != 13) {
                    break;
                }
                int info = r[k + INFO];
                // A group after t with fewer than 3 or more than 6 digits ends the attempt (more than 6 do not link,
                // so such a group is the chain's last); group t itself (13-19 digits) needs 3 or more.
                // … but for a last group of 2 digits that ends a number of 14 (Diners 4-4-4-2; it does not link, so
                // the attempt ends after it).
                if (d - base > 19 || (u == t ? r[k + END] - g < 3
                        : (info & MID) == 0 && !(d - base == 14 && r[k + END] - r[k + START] == 2))) {
                    break;
                }
                // A number of one run (u == t: its 13-19 digits are group t's) may be glued after, a grouped one not.
                // A number of one run needs an issuer range of its length (Issuers; since branch digits6).
                if ((info & (u == t ? END_RUN : END_OK)) != 0 && (u != t || Issuers.oneRun(s, g, d - base))) {
                    // Luhn doubles the digits whose index from the number's right end is odd: those whose chain index
                    // has the parity of the digit count up to the end (the last digit's index plus one).
                    int sum = (d & 1) == 0 ? r[k + P0] - p0b : r[k + P1] - p1b;
                    if (sum % 10 == 0) {
                        best = r[k + END];
                    }
                }
                if (grows) {
                    break;
                }
                u++;
            }
            return best;
        }

        /**
         * Whether the chain's group {@code j} (read, after another) has more digits than the one before it. From a
         * number's third group on, no grouping of a card grows but a last group of 5 after 4-4 (13 digits); Amex 4-6-5
         * and Diners 4-6-4 grow at the second (since branch digits5, the same in the reference engine: a list of
         * powers of two, {@code 2048 4096 8192 16384}, is no card).
         */
        private boolean grows(int j) {
            return (r[((j & 7) << 3) + INFO] & GROWS) != 0; // set by read
        }

        /**
         * The group after the last attempt's, if the chain has read it: its start {@code << 32 |} its end; or -1. It
         * starts one or two identical separator characters after the attempt's group (which links to it), and its
         * digits are the whole run there.
         */
        long nextRead() {
            int t = cur + 1;
            if (built < 0 || t > built) {
                return -1;
            }
            int k = (t & 7) << 3;
            return (long) r[k + START] << 32 | r[k + END];
        }

        /**
         * The attempts after one at the group {@code [gs, e)} while the chain ahead is uniform: groups of one length
         * L (4-6 digits) each followed by one separator (the same one or two characters) and a digit. For the digit
         * pass's stretch ({@code DigitScanner.cardStretch}): it makes the stretch's attempts at the groups after gs,
         * in order, as long as each is one the stretch would make; returns the end of the last group attempted
         * {@code << 32 |} the end of the number found there (0 if none; the run ends at a finding), or -1 if it made
         * no attempt (the chain is then untouched). After an attempt the chain is emptied: the next {@link #attempt}
         * bases a new one or makes a fresh attempt ({@link #fresh}), which gives the same results, since an attempt at
         * g reads the same groups from g whichever chain they are read into (or none).
         * <p>
         * Why one check per group suffices. Let G_0 = [gs, e) and G_i start at gs + i (L + sepLen). An attempt at G_j
         * (j >= 1) whose groups G_j … G_{j+K-1} are linked uniform groups (L digits, then the separator, then a
         * digit: LINK, MID and END_OK in {@link #after}, since the separator is neither alphanumeric, a control
         * character other than tab, nor one glue character) and whose G_{j+K} has exactly L digits, with K the
         * groups of a number (K L = 16, 15 or 18 for L = 4, 5, 6): {@link #attempt} reads G_j … G_{j+K-2} without an
         * end (fewer than 13 digits: (K - 1) L <= 12), may end at G_{j+K-1} (K L digits, between 13 and 19), and
         * stops at G_{j+K} ((K + 1) L >= 20 digits). So it returns the end of G_{j+K-1} if the K groups' Luhn sum is
         * a multiple of ten, and -1 otherwise. The stretch's tests for G_j (DigitScanner.cardStretch) all hold:
         * the separator is not '+', '(' or one glue character, G_j starts with 2-6 (tested here), the chain has
         * read it (G_{j-1} links to it, and the attempt at G_{j-1} reads on past its fewer than 13 digits), it has
         * 4-6 digits, is at or after cardNext (tested at G_1; cardNext moves only at a finding, which ends the run),
         * comes after the separator, and three digits follow it (G_{j+1} has L of them); and it is not glued before
         * (the character before it is the separator, and a glue character is only allowed doubled).
         * <p>
         * Since branch cardspeed5, two widenings, findings unchanged. (1) The separators after G_1 may differ from the
         * first one (one length throughout, each passing the first one's tests: {@link #linkSeparator}); the chain
         * reads separators per link, so the attempts read the same groups, and the stretch's tests hold per link.
         * (2) A G_j (j >= 1) that starts with 1 or 7-9 is skipped, not attempted, and the run goes on
         * ({@code 4111 1111 4111 1111 …}, {@code 1234 5678 …}): the visit of every start makes no call there either.
         * At such a group (4-6 digits; the character before it a separator, after a digit, so no letter two or three
         * before it) the visit's IBAN test needs two letters before the run, the card test a first digit 2-6, the SSN
         * test a run of exactly 3 digits, the phone test a run of 1 ("1", "8") or 3 digits or a first digit "0"
         * (DigitScanner.visit); no test holds. No other position in the run is a start (digits inside a run; the
         * separators are not '+', '(' or '['). A group from 0 ends the run (a phone's "0" and a non-zero digit).
         * These visit tests are the ones of branch digits5's state; a new start rule at a run of 4-6 digits from
         * 1 or 7-9 must end the run there too ({@code DigitScannerTest} compares with the visit of every start).
         */
        long uniform(int gs, int e, int cardNext) {
            char[] s = this.s;
            int n = s.length;
            int len = e - gs;
            if (len < 4 || len > 6 || gs < blocked || e + 2 >= n) {
                return -1;
            }
            char sep = s[e];
            int sepLen = s[e + 1] == sep ? 2 : 1;
            if (sep == '+' || sep == '(' || Chars.alnum(sep) || Character.isISOControl(sep) && sep != '\t'
                    || sepLen == 1 && (sep == '-' || sep == '.' || sep == '/' || sep == '_')) {
                return -1;
            }
            int step = len + sepLen;
            int g1 = gs + step;
            if (g1 >= n || !skipOrAttempt(s[g1]) || g1 < cardNext) {
                return -1;
            }
            int k = len == 4 ? 4 : 3;
            // Odd L: the groups of odd index keep their two sums swapped, so that the window's sum of packed sums
            // holds in one byte the sum with the last group's digits at even distances from the end undoubled.
            int swapOdd = len & 1;
            int[] ring = uring;
            int win = 0; // packed sums of G_j … G_{j+K-1}
            for (int i = 1; i <= k; i++) { // G_1 … G_K: linked uniform groups
                int p = gs + i * step;
                int f = group(s, p, len, sep, sepLen);
                if (f < 0 || (f & LINKED) == 0) {
                    blocked = p;
                    return -1;
                }
                f = (i & swapOdd) == 0 ? f & 0xFFFF : (f & 0xFF) << 8 | (f >>> 8 & 0xFF);
                ring[i & 7] = f;
                win += f;
            }
            long found = 0;
            int j = 1;
            int lastEnd;
            while (true) {
                int q = gs + (j + k) * step; // G_{j+K}: exactly L digits, so that the attempt at G_j stops there
                int f = group(s, q, len, sep, sepLen);
                if (f < 0) {
                    blocked = q;
                    if (j == 1) {
                        return -1;
                    }
                    lastEnd = gs + (j - 1) * step + len;
                    break;
                }
                int gj = gs + j * step;
                lastEnd = gj + len;
                int last = j + k - 1; // the number's last group: its sums at even distances from the end undoubled
                int sum = ((last & swapOdd) == 0 ? win : win >>> 8) & 0xFF;
                if (sum % 10 == 0 && (char) (s[gj] - '2') <= 4) { // an attempt only at a group from 2-6
                    found = gs + last * step + len;
                    break;
                }
                // The attempt at G_{j+1} needs G_{j+K} linked, and G_{j+1} starting with 2-6 (or 1, 7-9: skipped).
                char d = s[gj + step];
                if ((f & LINKED) == 0 || !skipOrAttempt(d)) {
                    if ((f & LINKED) == 0) {
                        blocked = q;
                    }
                    break;
                }
                f = ((j + k) & swapOdd) == 0 ? f & 0xFFFF : (f & 0xFF) << 8 | (f >>> 8 & 0xFF);
                ring[(j + k) & 7] = f;
                win += f - ring[j & 7];
                j++;
            }
            built = -1; // emptied: the next attempt bases a new chain or is fresh
            ended = false;
            return (long) lastEnd << 32 | found;
        }

        /** A linked uniform group: its digits are followed by the separator and a digit (bit above the sums). */
        private static final int LINKED = 1 << 30;

        /**
         * The Luhn sums of the group of {@code len} digits at {@code p} ({@code a | b << 8}: a doubles the digits at
         * odd distances from the group's last digit, b those at even ones), with LINKED if the separator (one or
         * two {@code sep}) and a digit follow it; -1 unless the digit run at p has exactly {@code len} digits.
         */
        private static int group(char[] s, int p, int len, char sep, int sepLen) {
            int n = s.length;
            int end = p + len;
            if (end > n) {
                return -1;
            }
            int same = 0;
            int other = 0;
            for (int i = p; i < end; i++) {
                int d = s[i] - '0';
                if ((char) d > 9) {
                    return -1;
                }
                int t = other + d;
                other = same + DOUBLED[d];
                same = t;
            }
            int f = same | other << 8; // `same` doubles the digits of the parity of the next index: odd distances
            if (end == n) {
                return f;
            }
            char c = s[end];
            if ((char) (c - '0') <= 9) {
                return -1;
            }
            int g = end + sepLen;
            // One separator: the digit after it differs from it, so the chain reads one too (Chain.after).
            return (c == sep || linkSeparator(c, sepLen)) && g < n && (sepLen == 1 || s[end + 1] == c)
                    && (char) (s[g] - '0') <= 9 ? f | LINKED : f;
        }

        /**
         * Since branch cardspeed5: a group of a uniform run may start with 2-6 (an attempt) or with 1 or 7-9 (skipped:
         * no detector of the digit pass starts there, see {@link #uniform}); not with 0 (a phone number's "0" and a
         * non-zero digit).
         */
        private static boolean skipOrAttempt(char d) {
            return (char) (d - '1') <= 8;
        }

        /**
         * Since branch cardspeed5: a separator of a uniform run other than the first group's (the separators may
         * differ from link to link, of one length: {@code 4111 1111@4111 1111@…}): the first separator's tests in
         * {@link #uniform}, per link (not '+', '(' or '[', alphanumeric, a control character other than tab, or one
         * glue character). The chain reads such a link as any other ({@link #after}: LINK and END_OK).
         */
        static boolean linkSeparator(char c, int sepLen) {
            if (c < 128) {
                int k = AFTER[c];
                return k == 0 ? c != '+' && c != '(' && c != '[' : k == GLUE && sepLen == 2;
            }
            return !Chars.alnum(c) && !Character.isISOControl(c);
        }

        /** The chain index of the group starting at {@code g}; -1 and an empty chain if no chain group does. */
        private int locate(int g) {
            if (built >= 0) {
                int t = cur;
                while (t <= built && r[((t & 7) << 3) + START] < g) {
                    t++;
                }
                if (t > built && !ended && nextStart() == g) {
                    extend();
                }
                // A chain's last group starts a new chain when its own separator goes on (and differs).
                int k = (t & 7) << 3;
                if (t <= built && r[k + START] == g && !(t == built && ended && (r[k + INFO] & LINK) != 0)) {
                    cur = t;
                    return t;
                }
            }
            built = -1;
            return -1;
        }

        /** Bases a new chain at the group starting at {@code g}; its index, 0. */
        private int rebase(int g) {
            built = -1;
            ended = false;
            cur = 0;
            lo = 0;
            read(0, g, 0, 0, 0);
            ended = (r[INFO] & LINK) == 0;
            return 0;
        }

        /** {@link #fresh}: the group after the first links, starts with 2-6 and has 3 or more digits (attemptable). */
        private static final int MAY_CONTINUE = -2;

        /**
         * {@link #attempt} at {@code g} on an empty chain, without reading the groups into it: the same groups and
         * tests, with the digit counts first and the Luhn sum only of a number that may end (13-19 digits, END_OK),
         * read again from the text; or {@link #MAY_CONTINUE} after the first group if the group it links to starts
         * with 2-6 and has 3 digits or more. A chain pays for its ring (stores, both Luhn sums of every group) when
         * the attempts at the groups after g can use it; when the next group starts with 0, 1 or 7-9 or has fewer
         * than 3 digits no attempt is made there ({@code DigitScanner.visit} asks only at runs of 3 digits or more
         * that start with 2-6), and an attempt further on finds its own groups.
         * <p>
         * The loop is attempt's, on a chain based at g (digits before g: 0): a group with 13 digits or more from g
         * ends the attempt if it has more than 19, or, after the first group, fewer than 3 or more than 6 (no MID;
         * the first has 13 or more then); the number may end after it if END_OK and the Luhn sum is a multiple of
         * ten, and the last such end is the longest; the attempt goes on to the next group only while the group
         * links (LINK; a chain ends at a group that does not). Linear: an attempt reads at most six groups of 3-6
         * digits and the one it stops at (as a chain does), and {@link #luhnTo} at most 19 digits and the
         * separators between them; a long run that stops attempts is read by those of the at most six groups
         * before it.
         */
        private int fresh(int g) {
            char[] s = this.s;
            int n = s.length;
            int digits = 0;
            int best = -1;
            int gs = g;
            int prev = 0; // the digits of the group before (grows)
            int index = 0;
            while (true) {
                // At most 20 - digits digits decide: with more than 19 in all the attempt stops (a longer run is not
                // read to its end).
                int e = gs;
                int cap = Math.min(n, gs + 20 - digits);
                while (e < cap && (char) (s[e] - '0') <= 9) {
                    e++;
                }
                int len = e - gs;
                digits += len;
                boolean grows = index >= 2 && len > prev; // Chain.grows
                if (digits > 19 || grows && digits != 13) {
                    break;
                }
                prev = len;
                index++;
                if (digits >= 13) {
                    int info = after(s, e, len);
                    // A last group of 2 digits ends a 14-digit number (Diners 4-4-4-2); it does not link (no MID).
                    if (gs == g ? len < 3 : (info & MID) == 0 && !(len == 2 && digits == 14)) {
                        break;
                    }
                    if ((info & (gs == g ? END_RUN : END_OK)) != 0 && (gs != g || Issuers.oneRun(s, g, len))
                            && luhnTo(s, g, e)) {
                        best = e;
                    }
                    if ((info & LINK) == 0 || grows) {
                        break;
                    }
                    gs = e + (info >>> 16 & 3);
                } else {
                    // No end here: only whether the group links ({@link #after}'s LINK: 3-6 digits, a separator,
                    // one or two identical characters, then a digit; s[e] is no digit).
                    if (len < 3 || len > 6 || e + 1 >= n || !separator(s[e]) && !surrogatePair(s, e)) {
                        break;
                    }
                    gs = sepEnd(s, e);
                    if (gs >= n || (char) (s[gs] - '0') > 9) {
                        break;
                    }
                }
                if (digits == len && s[gs] >= '2' && s[gs] <= '6' && Chars.digitAt(s, gs + 2)
                        && (char) (s[gs + 1] - '0') <= 9) {
                    return MAY_CONTINUE; // after the first group: nothing has been found yet
                }
            }
            return best;
        }

        /**
         * Whether {@code c} after a group's digits is a separator ({@link #after}: neither alphanumeric nor a control
         * character other than tab).
         */
        private static boolean separator(char c) {
            if (c < 128) {
                int k = AFTER[c];
                return k != ALNUM && k != CONTROL;
            }
            return !Chars.alnum(c) && !(Character.isISOControl(c) && c != '\t');
        }

        /** Whether the digits in [g, e) (the separators between them skipped) have a Luhn sum divisible by ten. */
        private static boolean luhnTo(char[] s, int g, int e) {
            int sum = 0;
            boolean doubled = false; // the last digit is not doubled, the one before it is, …
            for (int i = e - 1; i >= g; i--) {
                int x = s[i] - '0';
                if ((char) x <= 9) {
                    sum += doubled ? DOUBLED[x] : x;
                    doubled = !doubled;
                }
            }
            return sum % 10 == 0;
        }

        private int nextStart() {
            int k = (built & 7) << 3;
            return r[k + END] + (r[k + INFO] >>> 16 & 3);
        }

        /** Reads the group after {@code built}; false if the chain has ended. */
        private boolean extend() {
            if (ended) {
                return false;
            }
            int k = (built & 7) << 3;
            read(built + 1, nextStart(), r[k + DIGITS], r[k + P0], r[k + P1]);
            int nk = (built & 7) << 3;
            ended = (r[nk + INFO] & LINK) == 0; // separators may differ from link to link
            return true;
        }

        /** Reads the group at chain index {@code u}, starting at {@code g}, after {@code digits} digits and sums p0, p1. */
        private void read(int u, int g, int digits, int p0, int p1) {
            char[] s = this.s;
            int n = s.length;
            // The digits and both own Luhn sums in one forward loop, without a branch per digit: `same` doubles the
            // digits whose local index has the parity of the next index, `other` the rest; each digit swaps them.
            int same = 0;
            int other = 0;
            int e = g;
            while (e < n) {
                int d = s[e] - '0';
                if ((char) d > 9) {
                    break;
                }
                int t = other + d;
                other = same + DOUBLED[d];
                same = t;
                e++;
            }
            int len = e - g;
            int f = after(s, e, len);
            if (u > 0) {
                int kp = ((u - 1) & 7) << 3;
                f |= len > r[kp + END] - r[kp + START] ? GROWS : 0;
            }
            int k = (u & 7) << 3;
            r[k + START] = g;
            r[k + END] = e;
            r[k + INFO] = f;
            int dAfter = digits + len;
            r[k + DIGITS] = dAfter;
            // `same` doubles the digits whose chain index has the parity of dAfter (the next digit's index). Runs
            // longer than 19 digits end every attempt that reaches them (their sums are never used; they cannot
            // overflow: n < 2^31 / 18).
            boolean even = (dAfter & 1) == 0;
            r[k + P0] = p0 + (even ? same : other);
            r[k + P1] = p1 + (even ? other : same);
            built = u;
        }

        /**
         * The group's info from the character at {@code e}, after its digits: END_OK, and the separator key and LINK
         * when one or two identical non-alphanumeric characters follow ({@code mid}: the group has 3-6 digits).
         */
        private static int after(char[] s, int e, int len) {
            int n = s.length;
            boolean mid = len >= 3 && len <= 6;
            int f = mid ? MID : 0;
            char c;
            if (e < n && (c = s[e]) < 128) {
                // ASCII after the group (nearly always): one table lookup for what afterOther computes.
                int k = AFTER[c];
                if (k == ALNUM || k == CONTROL) {
                    return f | (k == CONTROL ? END_OK | END_RUN : 0);
                }
                // Glued: a number of one run may end here, unless before a decimal's point (4587….25); a grouped
                // one only after a group of 4 or more digits, before 1-4 digits that end there (an expiry or CVV:
                // …-1111/12/25, …-1111-123; not 415-555-0133 415-555-0134, whose 3-digit groups could end at 415).
                // A sentence after a point ("… 1111.Thanks", since branch digits6) does not glue either.
                f |= k == GLUE && Chars.alnumAt(s, e + 1)
                        ? (c == '.' && Chars.digitAt(s, e + 1) ? 0 : END_RUN)
                                | (len >= 4 && Chars.shortTail(s, e) || sentence(s, e) ? END_OK : 0)
                        : END_OK | END_RUN;
            } else {
                f = afterOther(s, e, f);
                if ((f & SEP_KEY) == 0) {
                    return f;
                }
                f &= ~SEP_KEY;
            }
            // The separator to the next group: one or two non-alphanumeric characters read as one (sepEnd).
            int sepLen = sepEnd(s, e) - e;
            f |= s[e] | sepLen << 16;
            return f | (mid && Chars.digitAt(s, e + sepLen) ? LINK : 0);
        }

        /** {@link #after} for the end of the text or a non-ASCII character: END_OK, and a nonzero SEP_KEY part if a separator. */
        private static int afterOther(char[] s, int e, int f) {
            f |= !Chars.digitGlueAt(s, e) && !Chars.gluedAfter(s, e) ? END_OK | END_RUN : 0; // no glue at or after n
            int n = s.length;
            boolean none = e >= n || Chars.alnum(s[e]) && !surrogatePair(s, e) || Character.isISOControl(s[e]) && s[e] != '\t';
            return none ? f : f | SEP_KEY; // the caller replaces the key
        }
    }

    /**
     * Whether a grouped card's own layout follows the group at {@code g} (since branch digits6, the same in the
     * reference engine): a first group of 3, 5 or 6 digits, then four groups of exactly four digits, each after a
     * separator ({@code sepEnd}). Then no number starts at g: it is a count, an amount or a phone number's last group
     * written before a card ({@code x 699799 4111 1111 1111 1111}, {@code tel (415) 555-0134 4111 1111 1111 1111}),
     * which would otherwise take the card's first groups and leave its last ones; the card is found at the next group.
     * Reads at most 7 + 4 * (2 + 5) characters.
     */
    static boolean fourGroupsAfter(char[] s, int g) {
        int n = s.length;
        int e = g;
        while (e < n && e - g < 7 && (char) (s[e] - '0') <= 9) {
            e++;
        }
        int len = e - g;
        if (len < 3 || len > 6 || len == 4) {
            return false;
        }
        for (int k = 0; k < 4; k++) {
            if (e >= n || !Chain.separator(s[e]) && !surrogatePair(s, e)) {
                return false;
            }
            int q = sepEnd(s, e);
            int d = q;
            while (d < n && d - q < 5 && (char) (s[d] - '0') <= 9) {
                d++;
            }
            if (d - q != 4) {
                return false;
            }
            e = d;
        }
        return true;
    }

    /**
     * The start of the group after a separator at {@code e}: after two characters read as one separator, or after
     * one. Two are identical ({@code 4111  1111}, {@code 4242--4242}), or a blank beside a dash (since branch digits6:
     * {@code 4111- 1111- …}, {@code 4111 -1111 -…}, typed with a blank; a human reads one gap), or a surrogate pair
     * (since digits6: an emoji between the groups, {@code 4111🔹1111🔹…}).
     */
    static int sepEnd(char[] s, int e) {
        if (e + 1 >= s.length) {
            return e + 1;
        }
        char a = s[e];
        char b = s[e + 1];
        return a == b || a == '-' && b == ' ' || a == ' ' && b == '-' || Character.isHighSurrogate(a)
                && Character.isLowSurrogate(b) ? e + 2 : e + 1;
    }

    /** Whether a surrogate pair (an emoji, after folding) stands at {@code e}: a separator between groups (sepEnd). */
    static boolean surrogatePair(char[] s, int e) {
        return e + 1 < s.length && Character.isHighSurrogate(s[e]) && Character.isLowSurrogate(s[e + 1]);
    }

    /**
     * Whether a sentence follows the point at {@code e}: an upper-case and a lower-case letter ({@code 1111.Thanks};
     * since branch digits6): a grouped number may end there, as before a blank.
     */
    static boolean sentence(char[] s, int e) {
        return e + 2 < s.length && s[e] == '.' && Chars.upper(s[e + 1]) && s[e + 2] >= 'a' && s[e + 2] <= 'z';
    }

    // What an ASCII character after a group is: a letter or digit (no end, no separator), one of "- . / _" (glues the
    // group to a following letter or digit), a control character other than tab (an end, no separator), or another
    // separator. Equal to the Chars.alnum, Chars.gluedAfter and Character.isISOControl tests it replaces.
    private static final byte ALNUM = 1;
    private static final byte GLUE = 2;
    private static final byte CONTROL = 3;
    private static final byte[] AFTER = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            AFTER[c] = Chars.alnum(c) ? ALNUM : c == '-' || c == '.' || c == '/' || c == '_' ? GLUE
                    : Character.isISOControl(c) && c != '\t' ? CONTROL : 0;
        }
    }

    /** The Luhn check over the digits of {@code s} (other characters ignored), for at least 13 digits. */
    static boolean luhn(CharSequence s) {
        int sum = 0;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (!Chars.digit(c)) {
                continue;
            }
            int d = c - '0';
            if (n++ % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return n >= 13 && sum % 10 == 0;
    }

    /**
     * Branch glue8 (the same in the reference engine): cards of a card's own grouping, in a pass of their own after the
     * digit pass (their findings merge with the others'): four groups of exactly four digits (or 4-4-4-4 and a last
     * group of 1-3 digits, 17-19 in all) joined by one separator written the same throughout (one or two of
     * {@code space tab - . / _}, or a blank, one of {@code - . / _} and a blank: {@code 4111 - 1111 - 1111 - 1111}),
     * Luhn-valid and in an issuer range of its length ({@link Issuers}). Such a number may be glued before by
     * {@code - . / _} to a word, not to a digit (a chain), and after to anything but a letter, a digit, or a glue
     * character and a digit: {@code /cards/4111-1111-1111-1111/charge}, {@code card-4111-1111-1111-1111},
     * {@code pan_4111_1111_1111_1111}, {@code id-4242-4242-4242-4242} (a Luhn-valid 4-4-4-4 grouping in an issuer range
     * is a card to any reader; a UUID's groups are 8-4-4-4-12, and no four of them are 4-4-4-4 of digits after a
     * non-digit). Tried at every run of four digits, so also after a count or another number's last group that the
     * digit pass took as the card's first group ({@code 123-45-6789 4111 1111 1111 1111}). And track data: a run of
     * 13-19 digits after the format code {@code B} (after {@code %}, the start sentinel, or no letter or digit) and before
     * {@code ^} ({@code %B4111111111111111^DOE/JOHN^…}, read as written by the second reading).
     * <p>
     * Linear: the runs of four digits or more are found by the glued passes' one forward walk
     * ({@code DigitScanner.glued}, since branch digit10 shared with the SSN pass), which looks at every fourth character
     * and reads a run whole where it meets one (each character read at most twice); a chain of groups joined by one
     * separator is then read in one walk ({@link #chainAfter}); at a run of four digits attempted at most four groups
     * and separators (4 × (4 + 3) characters), one last group of at most 3 digits and the character after are read
     * (and the run before: that of the one attempt after it), at a run of 13-19 digits at most the run and one character
     * on each side: a bounded amount of work per run, and a run has at least one character.
     * <p>
     * This pass's step at the digit run {@code [p, e)} ({@code p - 1} and {@code e} are no digits), which the walk
     * makes at each run that holds a multiple of four at or after the end this returned last, rounded up to the next
     * multiple of four (since branch fold9: only runs of 4 digits or more start a number here, and such a run holds a
     * multiple of four). Returns the end of the last run read: {@code e}, or after a chain of groups of four the end
     * of the chain, where the pass goes on.
     */
    static int gluedRun(char[] s, int p, int e, Findings out) {
        int len = e - p;
        int end = len == 4 ? (char) (s[p] - '2') <= 4 ? fourGroups(s, p) : -1
                : len >= 13 && len <= 19 && p >= 1 && (char) (s[p] - '2') <= 4
                ? s[p - 1] == 'B' ? track(s, p, e) : labelled(s, p, e) : -1;
        if (end > 0) {
            out.add(PiiKind.CARD, p, end);
        }
        return len == 4 ? chainAfter(s, p, e, out) : e; // a chain of groups of four: the digit pass's 4111 4111 …
    }

    /**
     * After the run {@code [p, e)} of four digits, when a run is joined to it before by the separator that follows it ({@code sep},
     * as fourGroups reads separators): the rest of that chain of groups joined by {@code sep}, read in one walk, and the
     * end of its last run (or {@code e} when there is no such chain). Every run g after p in the chain has two groups
     * before it joined by sep (the run before g, and the one before that: p's, or a run of the chain), so fourGroups(g)
     * returns -1 when sep follows g too (a longer chain before); only the chain's last run, followed by another
     * separator, is attempted (no run of the chain is track data: a separator precedes it, not {@code B}); the walk
     * stops after a run of the chain that is not four digits long (no attempt there). So the
     * groups of a long chain ({@code 4111 4111 4111 …}, the digit pass's) cost one look at their separator each, not
     * an attempt (since branch fold9). Linear: the walk reads each character of the chain once, and the scan resumes
     * after it.
     */
    private static int chainAfter(char[] s, int p, int e, Findings out) {
        int sep = separatorAt(s, e);
        int sl = sep >>> 16;
        int b = p - sl;
        if (sep == 0 || b < 1 || separatorAt(s, b) != sep || (char) (s[b - 1] - '0') > 9) {
            return e;
        }
        int n = s.length;
        int last = p; // the run ending at k
        int k = e;
        while (k + sl < n && (char) (s[k + sl] - '0') <= 9 && separatorAt(s, k) == sep) {
            last = k + sl;
            k = Chars.digitsEnd(s, last + 1);
            if (k - last != 4) {
                return k; // no candidate: the scan goes on after it (a chain of short runs, 4 4 4, is stepped over)
            }
        }
        if (last != p && (char) (s[last] - '2') <= 4 && separatorAt(s, k) != sep) {
            int end = fourGroups(s, last);
            if (end > 0) {
                out.add(PiiKind.CARD, last, end);
            }
        }
        return k;
    }

    private static boolean glueChar(char c) {
        return c == '-' || c == '.' || c == '/' || c == '_';
    }

    /** The separator at {@code e} as {@code first char | length << 16} (see glued), or 0. */
    private static int separatorAt(char[] s, int e) {
        int n = s.length;
        if (e >= n) {
            return 0;
        }
        char c = s[e];
        if (c == ' ' && e + 2 < n && glueChar(s[e + 1]) && s[e + 2] == ' ') {
            return s[e + 1] | 3 << 16; // " X ": its middle character tells it from others of three
        }
        if (c != ' ' && c != '\t' && !glueChar(c)) {
            return 0;
        }
        return c | (e + 1 < n && s[e + 1] == c ? 2 : 1) << 16;
    }

    private static int fourGroups(char[] s, int p) {
        if (Chars.digitGlueAt(s, p - 1) || p >= 2 && glueChar(s[p - 1]) && (char) (s[p - 2] - '0') <= 9) {
            return -1;
        }
        int sep = separatorAt(s, p + 4);
        if (sep == 0) {
            return -1;
        }
        // Not inside a longer chain of groups joined by the same separator (the digit pass reads those): at most one
        // group before (a count, an SSN's serial), none after but a last group of 1-3 digits. The walk back reads the
        // run before p, which is read so by the attempt at p only (the run right before it): linear.
        int sl = sep >>> 16;
        int b = p - sl;
        if (b >= 1 && separatorAt(s, b) == sep && (char) (s[b - 1] - '0') <= 9) {
            int q = b - 1;
            while (q > 0 && (char) (s[q - 1] - '0') <= 9) {
                q--;
            }
            if (q - sl >= 1 && separatorAt(s, q - sl) == sep && (char) (s[q - sl - 1] - '0') <= 9) {
                return -1;
            }
        }
        int step = 4 + sl;
        int n = s.length;
        int e4 = p + 4 * step - sl; // where the fourth group ends, if the groups are there
        if (e4 + sl + 4 <= n && separatorAt(s, e4) == sep && Chars.digitsEnd(s, e4 + sl) - e4 - sl >= 4) {
            return -1; // a longer chain after (a group of four or more digits): neither ending is allowed
        }
        int g = p;
        for (int k = 0; k < 4; k++, g += step) {
            if (g + 4 > n || Chars.digitsEnd(s, g) - g != 4 || k < 3 && separatorAt(s, g + 4) != sep) {
                return -1;
            }
        }
        int e16 = g - step + 4;
        int sums = 0; // Luhn sums of the 16 digits (luhnSums)
        for (int k = 0, q = p; k < 4; k++, q += step) {
            sums = luhnSums(s, q, q + 4, 4 * k, sums);
        }
        int p4 = (s[p] - '0') * 1000 + (s[p + 1] - '0') * 100 + (s[p + 2] - '0') * 10 + (s[p + 3] - '0');
        int best = -1;
        boolean more = separatorAt(s, e16) == sep && Chars.digitAt(s, e16 + sl);
        if (!more && endsThere(s, e16) && (sums & 0xFFFF) % 10 == 0 && Issuers.fits(p4, 16)) { // 16 digits: index 15 is undoubled
            best = e16;
        }
        if (separatorAt(s, e16) == sep) {
            int t = e16 + (sep >>> 16);
            int te = Chars.digitsEnd(s, t);
            if (te - t >= 1 && te - t <= 3 && endsThere(s, te)) {
                sums = luhnSums(s, t, te, 16, sums);
                int m = 16 + te - t;
                // m digits: the last index m - 1 is undoubled, so the doubled ones have m's parity
                int sum = (m & 1) == 0 ? sums & 0xFFFF : sums >>> 16;
                if (sum % 10 == 0 && Issuers.fits(p4, m)) {
                    best = te;
                }
            }
        }
        return best;
    }

    /**
     * {@code sums} with the digits {@code s[from, to)} added to the two Luhn sums of a number read from its first digit,
     * {@code from} holding its digit number {@code m} (from 0): in the low 16 bits the sum doubling the digits at even
     * numbers, in the high 16 bits the one doubling those at odd numbers (the Luhn sum of a number of L digits doubles
     * those whose number has L's parity: the last one, L - 1, is undoubled). At most 19 digits: no sum exceeds 16 bits.
     */
    private static int luhnSums(char[] s, int from, int to, int m, int sums) {
        for (int i = from; i < to; i++, m++) {
            int d = s[i] - '0';
            int dd = d < 5 ? d * 2 : d * 2 - 9;
            sums += (m & 1) == 0 ? dd | d << 16 : d | dd << 16;
        }
        return sums;
    }

    /** No letter or digit at e, nor a glue character and a digit. */
    private static boolean endsThere(char[] s, int e) {
        return !Chars.digitGlueAt(s, e) && !(e < s.length && glueChar(s[e]) && Chars.digitAt(s, e + 1));
    }

    private static int track(char[] s, int p, int e) {
        if (!(p == 1 || !Chars.alnum(s[p - 2])) || e >= s.length || s[e] != '^' || !Issuers.oneRun(s, p, e - p)) {
            return -1;
        }
        return luhnRun(s, p, e) ? e : -1;
    }

    /**
     * Since s10 (the same in the reference engine): a run {@code [p, e)} of 13-19 digits glued right after a word that
     * names a card (since phone10 in the label table of {@link LabeledNumbers}, its glued reading
     * {@link LabeledNumbers#gluedLabel}: any case, the word starts the text or follows no ASCII letter), Luhn-valid, in an
     * issuer range of its length, and ending there ({@code card4111111111111111}, {@code CC4111111111111111;}): its end,
     * else -1. A run glued to other letters stays plain (hex ids, {@code id4111…}). Reads at most 11 characters back.
     */
    private static int labelled(char[] s, int p, int e) {
        boolean label = LabeledNumbers.gluedLabel(s, p) == LabeledNumbers.CARD;
        return label && endsThere(s, e) && Issuers.oneRun(s, p, e - p) && luhnRun(s, p, e) ? e : -1;
    }

    /** Whether the digits {@code s[p, e)} pass the Luhn check. */
    private static boolean luhnRun(char[] s, int p, int e) {
        int sum = 0;
        for (int i = e - 1, k = 0; i >= p; i--, k++) {
            int d = s[i] - '0';
            sum += (k & 1) == 0 ? d : d < 5 ? d * 2 : d * 2 - 9;
        }
        return sum % 10 == 0;
    }
}
