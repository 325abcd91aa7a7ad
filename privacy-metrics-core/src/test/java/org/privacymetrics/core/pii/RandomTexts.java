package org.privacymetrics.core.pii;

import java.util.SplittableRandom;

/** Pieces of the random texts the found-test classes compare the engine and the reference engine on. */
final class RandomTexts {

    private RandomTexts() {
    }

    static String pick(SplittableRandom r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    /** {@code s} with one to three characters deleted, inserted or replaced, the new ones drawn from {@code alphabet}. */
    static String mutate(SplittableRandom r, String s, String alphabet) {
        StringBuilder sb = new StringBuilder(s);
        for (int m = 1 + r.nextInt(3); m > 0 && sb.length() > 0; m--) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                default -> sb.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }
}
