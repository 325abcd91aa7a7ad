package org.privacymetrics.core.pii.reference;

/**
 * The issuer (IIN) ranges of the card networks by number length, for a card number of one run of 13-19 digits (branch
 * digits6, the same as the engine's {@code Issuers}; see there).
 */
final class Issuers {

    private Issuers() {
    }

    /** Whether the {@code len} digits at {@code g} are in some network's range of that length. */
    static boolean oneRun(CharSequence s, int g, int len) {
        int p4 = Integer.parseInt(s.subSequence(g, g + 4).toString());
        int p2 = p4 / 100;
        int p3 = p4 / 10;
        boolean visa = p4 / 1000 == 4;
        boolean maestro = p2 == 50 || p4 == 5893 || p4 == 6304 || p3 == 633 || p2 == 67;
        boolean diners = p3 >= 300 && p3 <= 305 || p4 == 3095 || p2 == 36;
        boolean mir = p4 >= 2200 && p4 <= 2205;
        boolean jcb = p4 >= 3528 && p4 <= 3589;
        boolean longer = mir || diners || jcb || p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65 || p2 == 62
                || p3 == 636 || maestro;
        return switch (len) {
            case 13 -> visa || maestro;
            case 14 -> diners || p2 == 38 || p2 == 39 || maestro;
            case 15 -> diners || p2 == 38 || p2 == 39 || maestro || p2 == 34 || p2 == 37;
            case 16 -> p4 >= 4000 || mir || p4 >= 2221 && p4 <= 2720 || diners || jcb || p2 == 38 || p2 == 39;
            case 17, 18 -> longer;
            case 19 -> longer || visa || p4 == 3841;
            default -> false;
        };
    }
}
