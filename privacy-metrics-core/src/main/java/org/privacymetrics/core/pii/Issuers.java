package org.privacymetrics.core.pii;

/**
 * The issuer (IIN) ranges of the card networks, by number length, for a card number written as one run of 13-19
 * digits (since branch digits6, the same in the reference engine). A bare run is as often an id, a byte count, a
 * trace id or a compact timestamp ({@code 20261202101535}) as a card; one Luhn-valid run in ten would be masked. A run
 * is read as a card only where some network issues numbers of that length with that prefix: Visa 4 (13, 16, 19);
 * Mastercard 51-55 and 2221-2720 (16); Mir 2200-2204 and Borica 2205 (16-19); Amex 34, 37 (15); Diners 300-305, 3095,
 * 36 (14-19) and 38-39 (14-16); JCB 3528-3589 (16-19); Hipercard 3841 (16, 19); Discover 6011, 644-649, 65 (16-19);
 * UnionPay 62 (16-19); InterPayment 636 (16-19); Maestro 50, 5893, 6304, 633, 67 (12-19: Maestro, Laser, Solo,
 * Switch, Verve, Argencard); at 16 digits every 4, 5 and 6 (RuPay 60, Dankort, Elo, Naranja, Cabal, Troy, …). Numbers
 * grouped by separators are not checked: their grouping is a card's.
 */
final class Issuers {

    private Issuers() {
    }

    /** Whether the {@code len} digits at {@code g} (13-19, a card's length) are in some network's range of that length. */
    static boolean oneRun(char[] s, int g, int len) {
        int p4 = (s[g] - '0') * 1000 + (s[g + 1] - '0') * 100 + (s[g + 2] - '0') * 10 + (s[g + 3] - '0');
        return fits(p4, len);
    }

    /** {@link #oneRun} on the first four digits {@code p4} of a number of {@code len} digits. */
    static boolean fits(int p4, int len) {
        int d1 = p4 / 1000;
        int p2 = p4 / 100;
        int p3 = p4 / 10;
        boolean maestro = p2 == 50 || p4 == 5893 || p4 == 6304 || p3 == 633 || p2 == 67;
        boolean diners = p3 >= 300 && p3 <= 305 || p4 == 3095 || p2 == 36;
        switch (len) {
            case 13:
                return d1 == 4 || maestro;
            case 14:
            case 15:
                return diners || p2 == 38 || p2 == 39 || maestro || len == 15 && (p2 == 34 || p2 == 37);
            case 16:
                return d1 >= 4 || p4 >= 2200 && p4 <= 2205 || p4 >= 2221 && p4 <= 2720 || diners
                        || p4 >= 3528 && p4 <= 3589 || p2 == 38 || p2 == 39;
            case 17:
            case 18:
            case 19:
                return p4 >= 2200 && p4 <= 2205 || diners || p4 >= 3528 && p4 <= 3589 || p4 == 6011
                        || p3 >= 644 && p3 <= 649 || p2 == 65 || p2 == 62 || p3 == 636 || maestro
                        || len == 19 && (d1 == 4 || p4 == 3841);
            default:
                return false;
        }
    }
}
