package org.privacymetrics.core.pii;

import java.util.Map;

/**
 * The parse of one escape, for {@link Decode}: at a {@code '%'}, {@code '&'} or {@code '\'} of the text, the character
 * the escape there stands for and its length, or how far the failed parse read. Read:
 * <ul>
 *   <li>percent escapes {@code %XX} of printable ASCII and of tab, line feed and carriage return; a valid UTF-8
 *       sequence of 2 to 4 percent-escaped bytes ({@code %EF%BC%A0} is {@code ＠}, {@code %C2%A0} a no-break space,
 *       {@code %E2%80%8B} a zero-width space); a byte from {@code %A0} that starts no such sequence as Latin-1
 *       ({@code %A0} a no-break space, {@code ex%E4mple.org}: ISO-8859-1 form posts); {@code %uXXXX} (IIS,
 *       JavaScript's {@code escape()});</li>
 *   <li>character references: numeric {@code &#DDD;} and {@code &#xHH;}, with any number of leading zeros, without the
 *       {@code ;} too (HTML5 parsers read {@code &#64example} as {@code @example}), {@code &#128;..&#159;} as
 *       windows-1252 as HTML5 does ({@code &#150;} is an en dash); the named references of the characters the detectors
 *       look at, spaces, dashes, invisible characters, brackets and quotes, and the Latin letters with diacritics
 *       ({@code &uuml;}: {@link #NAMED}, case as HTML defines them);</li>
 *   <li>backslash escapes of JSON, JavaScript and C strings: {@code \n \r \t \b \f \/}, <code>&#92;uXXXX</code>,
 *       <code>&#92;u{H…}</code> (Rust, JavaScript, Swift, Ruby) and
 *       {@code \xHH} (UTF-8 sequences of {@code \xHH} bytes too, as Python writes bytes), after one, two or four
 *       backslashes (JSON put in a JSON string: {@code \\n}).</li>
 * </ul>
 * A character outside the Basic Multilingual Plane ({@code &#x1D7D2;}, a surrogate pair <code>&#92;uD835&#92;uDFD2</code>, four
 * UTF-8 bytes) is read when it folds to one character ({@link Astral}: an invisible one is left out, a digit read as
 * its ASCII digit); others are left as they are, but four UTF-8 bytes of one are read as its high surrogate (their
 * first byte would otherwise read as a Latin-1 letter). A single <code>&#92;uD83D</code> is read as that surrogate.
 * <p>
 * Not read, by decision: {@code \"} (a quoted local part of an e-mail address escapes its quotes so, and a JSON
 * quote next to a value hides nothing), octal {@code \101} (a backslash before digits, as in the Windows path
 * {@code C:\logs\4111111111111111}, would eat the digits), quoted-printable {@code =40} outside an RFC 2047 word
 * (an {@code =XX} reading of every {@code key=value} would turn {@code card=4111…} into {@code cardA11…}; the words
 * themselves are read by {@link EncodedWord}), escapes of
 * other bytes ({@code %00}, {@code \x7F}) and named references without their {@code ;}.
 */
final class Escape {

    private Escape() {
    }

    /** Names (letters and digits) are at most this long; a longer name is no reference. */
    private static final int LONGEST_NAME = 16;

    private static final Map<String, Character> NAMED = Map.ofEntries(
            // what the detectors look at
            Map.entry("commat", '@'), Map.entry("period", '.'), Map.entry("plus", '+'), Map.entry("colon", ':'),
            Map.entry("lpar", '('), Map.entry("rpar", ')'), Map.entry("sol", '/'), Map.entry("lowbar", '_'),
            Map.entry("UnderBar", '_'), Map.entry("percnt", '%'), Map.entry("num", '#'), Map.entry("amp", '&'),
            Map.entry("AMP", '&'), Map.entry("quot", '"'), Map.entry("QUOT", '"'), Map.entry("bsol", '\\'),
            // the rest of an address's local part
            Map.entry("excl", '!'), Map.entry("dollar", '$'), Map.entry("ast", '*'), Map.entry("midast", '*'),
            Map.entry("Hat", '^'), Map.entry("grave", '`'), Map.entry("lcub", '{'), Map.entry("lbrace", '{'),
            Map.entry("verbar", '|'), Map.entry("vert", '|'), Map.entry("rcub", '}'), Map.entry("rbrace", '}'),
            Map.entry("apos", '\''),
            // dashes (folded to '-')
            Map.entry("hyphen", '\u2010'), Map.entry("dash", '\u2010'), Map.entry("ndash", '\u2013'),
            Map.entry("mdash", '\u2014'), Map.entry("horbar", '\u2015'), Map.entry("minus", '\u2212'),
            // spaces (folded to ' ') and line breaks
            Map.entry("nbsp", '\u00A0'), Map.entry("NonBreakingSpace", '\u00A0'), Map.entry("ensp", '\u2002'),
            Map.entry("emsp", '\u2003'), Map.entry("emsp13", '\u2004'), Map.entry("emsp14", '\u2005'),
            Map.entry("numsp", '\u2007'), Map.entry("puncsp", '\u2008'), Map.entry("thinsp", '\u2009'),
            Map.entry("ThinSpace", '\u2009'), Map.entry("hairsp", '\u200A'), Map.entry("VeryThinSpace", '\u200A'),
            Map.entry("MediumSpace", '\u205F'), Map.entry("Tab", '\t'), Map.entry("NewLine", '\n'),
            // invisible (left out)
            Map.entry("shy", '\u00AD'), Map.entry("zwnj", '\u200C'), Map.entry("zwj", '\u200D'),
            Map.entry("ZeroWidthSpace", '\u200B'), Map.entry("NoBreak", '\u2060'), Map.entry("lrm", '\u200E'),
            Map.entry("rlm", '\u200F'), Map.entry("af", '\u2061'), Map.entry("ApplyFunction", '\u2061'),
            Map.entry("it", '\u2062'), Map.entry("InvisibleTimes", '\u2062'), Map.entry("ic", '\u2063'),
            Map.entry("InvisibleComma", '\u2063'),
            // brackets and quotes (folded: <at>, [at], “val email7”@…)
            Map.entry("lt", '<'), Map.entry("LT", '<'), Map.entry("gt", '>'), Map.entry("GT", '>'),
            Map.entry("lsqb", '['), Map.entry("lbrack", '['), Map.entry("rsqb", ']'), Map.entry("rbrack", ']'),
            Map.entry("ldquo", '\u201C'), Map.entry("rdquo", '\u201D'), Map.entry("bdquo", '\u201E'),
            Map.entry("ldquor", '\u201E'), Map.entry("laquo", '\u00AB'), Map.entry("raquo", '\u00BB'),
            Map.entry("lsquo", '\u2018'), Map.entry("rsquo", '\u2019'), Map.entry("rsquor", '\u2019'),
            Map.entry("bull", '\u2022'), Map.entry("bullet", '\u2022'), Map.entry("middot", '\u00B7'),
            Map.entry("centerdot", '\u00B7'), Map.entry("CenterDot", '\u00B7'),
            // letters of Latin-1 and Latin Extended-A/B (Unicode addresses as an HTML encoder writes them: m&uuml;ller@…)
            Map.entry("AElig", '\u00C6'), Map.entry("Aacute", '\u00C1'), Map.entry("Abreve", '\u0102'),
            Map.entry("Acirc", '\u00C2'), Map.entry("Agrave", '\u00C0'), Map.entry("Amacr", '\u0100'),
            Map.entry("Aogon", '\u0104'), Map.entry("Aring", '\u00C5'), Map.entry("Atilde", '\u00C3'),
            Map.entry("Auml", '\u00C4'), Map.entry("Cacute", '\u0106'), Map.entry("Ccaron", '\u010C'),
            Map.entry("Ccedil", '\u00C7'), Map.entry("Ccirc", '\u0108'), Map.entry("Cdot", '\u010A'),
            Map.entry("Dcaron", '\u010E'), Map.entry("Dstrok", '\u0110'), Map.entry("ENG", '\u014A'),
            Map.entry("ETH", '\u00D0'), Map.entry("Eacute", '\u00C9'), Map.entry("Ecaron", '\u011A'),
            Map.entry("Ecirc", '\u00CA'), Map.entry("Edot", '\u0116'), Map.entry("Egrave", '\u00C8'),
            Map.entry("Emacr", '\u0112'), Map.entry("Eogon", '\u0118'), Map.entry("Euml", '\u00CB'),
            Map.entry("Gbreve", '\u011E'), Map.entry("Gcedil", '\u0122'), Map.entry("Gcirc", '\u011C'),
            Map.entry("Gdot", '\u0120'), Map.entry("Hcirc", '\u0124'), Map.entry("Hstrok", '\u0126'),
            Map.entry("IJlig", '\u0132'), Map.entry("Iacute", '\u00CD'), Map.entry("Icirc", '\u00CE'),
            Map.entry("Idot", '\u0130'), Map.entry("Igrave", '\u00CC'), Map.entry("Imacr", '\u012A'),
            Map.entry("Iogon", '\u012E'), Map.entry("Itilde", '\u0128'), Map.entry("Iuml", '\u00CF'),
            Map.entry("Jcirc", '\u0134'), Map.entry("Kcedil", '\u0136'), Map.entry("Lacute", '\u0139'),
            Map.entry("Lcaron", '\u013D'), Map.entry("Lcedil", '\u013B'), Map.entry("Lmidot", '\u013F'),
            Map.entry("Lstrok", '\u0141'), Map.entry("Nacute", '\u0143'), Map.entry("Ncaron", '\u0147'),
            Map.entry("Ncedil", '\u0145'), Map.entry("Ntilde", '\u00D1'), Map.entry("OElig", '\u0152'),
            Map.entry("Oacute", '\u00D3'), Map.entry("Ocirc", '\u00D4'), Map.entry("Odblac", '\u0150'),
            Map.entry("Ograve", '\u00D2'), Map.entry("Omacr", '\u014C'), Map.entry("Oslash", '\u00D8'),
            Map.entry("Otilde", '\u00D5'), Map.entry("Ouml", '\u00D6'), Map.entry("Racute", '\u0154'),
            Map.entry("Rcaron", '\u0158'), Map.entry("Rcedil", '\u0156'), Map.entry("Sacute", '\u015A'),
            Map.entry("Scaron", '\u0160'), Map.entry("Scedil", '\u015E'), Map.entry("Scirc", '\u015C'),
            Map.entry("THORN", '\u00DE'), Map.entry("Tcaron", '\u0164'), Map.entry("Tcedil", '\u0162'),
            Map.entry("Tstrok", '\u0166'), Map.entry("Uacute", '\u00DA'), Map.entry("Ubreve", '\u016C'),
            Map.entry("Ucirc", '\u00DB'), Map.entry("Udblac", '\u0170'), Map.entry("Ugrave", '\u00D9'),
            Map.entry("Umacr", '\u016A'), Map.entry("Uogon", '\u0172'), Map.entry("Uring", '\u016E'),
            Map.entry("Utilde", '\u0168'), Map.entry("Uuml", '\u00DC'), Map.entry("Wcirc", '\u0174'),
            Map.entry("Yacute", '\u00DD'), Map.entry("Ycirc", '\u0176'), Map.entry("Yuml", '\u0178'),
            Map.entry("Zacute", '\u0179'), Map.entry("Zcaron", '\u017D'), Map.entry("Zdot", '\u017B'),
            Map.entry("aacute", '\u00E1'), Map.entry("abreve", '\u0103'), Map.entry("acirc", '\u00E2'),
            Map.entry("aelig", '\u00E6'), Map.entry("agrave", '\u00E0'), Map.entry("amacr", '\u0101'),
            Map.entry("angst", '\u00C5'), Map.entry("aogon", '\u0105'), Map.entry("aring", '\u00E5'),
            Map.entry("atilde", '\u00E3'), Map.entry("auml", '\u00E4'), Map.entry("cacute", '\u0107'),
            Map.entry("ccaron", '\u010D'), Map.entry("ccedil", '\u00E7'), Map.entry("ccirc", '\u0109'),
            Map.entry("cdot", '\u010B'), Map.entry("dcaron", '\u010F'), Map.entry("dstrok", '\u0111'),
            Map.entry("eacute", '\u00E9'), Map.entry("ecaron", '\u011B'), Map.entry("ecirc", '\u00EA'),
            Map.entry("edot", '\u0117'), Map.entry("egrave", '\u00E8'), Map.entry("emacr", '\u0113'),
            Map.entry("eng", '\u014B'), Map.entry("eogon", '\u0119'), Map.entry("eth", '\u00F0'), Map.entry("euml",
            '\u00EB'), Map.entry("fnof", '\u0192'), Map.entry("gacute", '\u01F5'), Map.entry("gbreve", '\u011F'),
            Map.entry("gcirc", '\u011D'), Map.entry("gdot", '\u0121'), Map.entry("hcirc", '\u0125'),
            Map.entry("hstrok", '\u0127'), Map.entry("iacute", '\u00ED'), Map.entry("icirc", '\u00EE'),
            Map.entry("igrave", '\u00EC'), Map.entry("ijlig", '\u0133'), Map.entry("imacr", '\u012B'),
            Map.entry("imath", '\u0131'), Map.entry("imped", '\u01B5'), Map.entry("inodot", '\u0131'),
            Map.entry("iogon", '\u012F'), Map.entry("itilde", '\u0129'), Map.entry("iuml", '\u00EF'),
            Map.entry("jcirc", '\u0135'), Map.entry("jmath", '\u0237'), Map.entry("kcedil", '\u0137'),
            Map.entry("kgreen", '\u0138'), Map.entry("lacute", '\u013A'), Map.entry("lcaron", '\u013E'),
            Map.entry("lcedil", '\u013C'), Map.entry("lmidot", '\u0140'), Map.entry("lstrok", '\u0142'),
            Map.entry("nacute", '\u0144'), Map.entry("napos", '\u0149'), Map.entry("ncaron", '\u0148'),
            Map.entry("ncedil", '\u0146'), Map.entry("ntilde", '\u00F1'), Map.entry("oacute", '\u00F3'),
            Map.entry("ocirc", '\u00F4'), Map.entry("odblac", '\u0151'), Map.entry("oelig", '\u0153'),
            Map.entry("ograve", '\u00F2'), Map.entry("omacr", '\u014D'), Map.entry("oslash", '\u00F8'),
            Map.entry("otilde", '\u00F5'), Map.entry("ouml", '\u00F6'), Map.entry("racute", '\u0155'),
            Map.entry("rcaron", '\u0159'), Map.entry("rcedil", '\u0157'), Map.entry("sacute", '\u015B'),
            Map.entry("scaron", '\u0161'), Map.entry("scedil", '\u015F'), Map.entry("scirc", '\u015D'),
            Map.entry("szlig", '\u00DF'), Map.entry("tcaron", '\u0165'), Map.entry("tcedil", '\u0163'),
            Map.entry("thorn", '\u00FE'), Map.entry("tstrok", '\u0167'), Map.entry("uacute", '\u00FA'),
            Map.entry("ubreve", '\u016D'), Map.entry("ucirc", '\u00FB'), Map.entry("udblac", '\u0171'),
            Map.entry("ugrave", '\u00F9'), Map.entry("umacr", '\u016B'), Map.entry("uogon", '\u0173'),
            Map.entry("uring", '\u016F'), Map.entry("utilde", '\u0169'), Map.entry("uuml", '\u00FC'),
            Map.entry("wcirc", '\u0175'), Map.entry("yacute", '\u00FD'), Map.entry("ycirc", '\u0177'),
            Map.entry("yuml", '\u00FF'), Map.entry("zacute", '\u017A'), Map.entry("zcaron", '\u017E'),
            Map.entry("zdot", '\u017C'));

    /**
     * HTML5 reads the numeric references {@code &#128;..&#159;} as windows-1252 (0 where it keeps the code point):
     * {@code &#150;} and {@code &#151;} are dashes.
     */
    private static final char[] CP1252 = {
        '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039',
        '\u0152', 0, '\u017D', 0, 0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC',
        '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'};

    /**
     * The escape at {@code p} ({@code s[p]} is {@code '%'}, {@code '&'} or {@code '\'}): its character (not yet
     * folded; {@link Fold#DROP} for an astral one that is left out) in the low 16 bits and its length above, or, when
     * there is none, {@code ~e} where {@code e} is at least the last index the parse read (Decode's proof that a
     * further round is needed only when it says so relies on this bound).
     */
    static long at(char[] s, int p) {
        char c = s[p];
        int n = s.length;
        if (c == '%') {
            int h = p + 1 < n ? hex(s[p + 1]) : -1;
            if (h < 0) { // the common failure first, inline in Decode's loop: "%" before no hex digit (nor a 'u')
                return p + 1 < n && s[p + 1] == 'u' ? unit(s, p) : ~(p + 1);
            }
            int b = p + 2 < n ? h << 4 | hex(s[p + 2]) : -1; // negative when the second is no hex digit
            if (b >= 0x20 && b <= 0x7E) {
                // the common escape; ending in a decimal digit before a digit, ambiguous: %4111 1111 1111 1111 is a
                // card after a '%' to a reader (SQL LIKE '%4111…%', '%203.0.113.5%'), and A111 1111 1111 111 decoded
                // (Decode reads it both ways)
                return p + 3 < n && Chars.digit(s[p + 3]) && Chars.digit(s[p + 2])
                        ? 3L << 16 | b | AMBIGUOUS : 3L << 16 | b;
            }
            if (b >= 0xA0) { // UTF-8, or else one byte of Latin-1 (ISO-8859-1 form posts: %A0, %AD, ex%E4mple.org)
                long utf8 = b >= 0xC2 ? bytes(s, p, 1) : -1;
                // a Latin-1 byte ending in a decimal digit before a digit is ambiguous too (branch glue8): track data
                // %B4111111111111111^… is a card after "%B", the start sentinel and format code (read both ways)
                return utf8 >= 0 ? utf8 : p + 3 < n && Chars.digit(s[p + 3]) && Chars.digit(s[p + 2])
                        ? 3L << 16 | b | AMBIGUOUS : 3L << 16 | b;
            }
            return b == '\t' || b == '\n' || b == '\r' ? 3L << 16 | b : ~(p + 2);
        }
        if (c == '&') {
            return reference(s, p);
        }
        // A backslash escape, after one, two or four backslashes (see backslash()).
        int e = p + 1;
        if (e < n && s[e] == '\\') { // JSON in JSON: "\\n" (two), "\\\\n" (four); three or five are no escape
            e = p + 2 < n && s[p + 2] == '\\' ? p + 4 : p + 2;
            if (e == p + 4 && (e - 1 >= n || s[e - 1] != '\\')) {
                return ~(e - 1);
            }
        }
        int v = e < n && s[e] < 128 ? BACKSLASH[s[e]] : 0;
        if (v > 0) {
            return (long) (e + 1 - p) << 16 | v;
        }
        return v == 0 ? ~e : backslash(s, p, e);
    }

    /**
     * Set in {@link #at}'s answer for an escape that may as well be read otherwise ({@link #second}): a percent escape
     * whose last hex digit is a decimal digit, before a digit; a numeric reference without its {@code ;}. Above the length's bits, so
     * that {@code (int) (esc >>> 16)} is still the length.
     */
    static final long AMBIGUOUS = 1L << 62;

    /**
     * Where {@link #at}'s answer for an {@link #AMBIGUOUS} reference holds {@link #second}'s answer, packed ({@link #way};
     * read back by {@link #second(char[], int, int, int)}): above the length's bits, below {@link #AMBIGUOUS}; zero for
     * every other answer.
     */
    private static final int WAY = 48;

    /** The packed second reading in {@link #at}'s answer {@code esc} ({@link #WAY}): 0 for a percent escape. */
    static int way(long esc) {
        return (int) (esc >>> WAY) & 0xFF;
    }

    /**
     * {@link #second(char[], int)} of the {@link #AMBIGUOUS} escape at {@code p} that ends at {@code e}, from
     * {@code way}, the {@link #way} of {@link #at}'s answer there, without parsing it again (read11: the parse was most
     * of deriving the second reading of {@code a&#641b} repeated, Decode.Round#secondWay). The same answer: a percent
     * escape reads as written ({@code ~(p + 3)}); a reference without {@code ;} ends at {@code e = j}, the end of its
     * digits, and {@code at} packed {@code shortest}'s answer (its character and {@code e} less its length), or 0 for
     * none ({@code ~j}); {@code second} computes the same {@code j} (the same loop over the same digits) and answers
     * {@code shortest} or {@code ~j} (ReadElevenTest compares both on random text).
     */
    static long second(char[] s, int p, int e, int way) {
        if (s[p] != '&') {
            return ~(p + 3);
        }
        int c = way & 3;
        if (c == 0) {
            return ~e;
        }
        return (long) (e - p - (way >>> 2)) << 16 | (c == 1 ? '@' : c == 2 ? '.' : '+');
    }

    /**
     * The other reading of the {@link #AMBIGUOUS} escape at {@code p}, for Decode's second reading: a percent escape
     * is read as written ({@code ~} the last index its parse read, as for no escape); a numeric reference without
     * {@code ;} as its shortest prefix that stands for {@code @}, {@code .} or {@code +} ({@code &#x40example} is
     * {@code @example}, {@code &#4314155550133} is {@code +14155550133}), or as written. Reads no further than
     * {@link #at} did.
     */
    static long second(char[] s, int p) {
        if (s[p] != '&') {
            return ~(p + 3);
        }
        int n = s.length;
        int j = p + 2;
        boolean hexRef = j < n && (s[j] == 'x' || s[j] == 'X');
        if (hexRef) {
            j++;
        }
        while (j < n && s[j] == '0') {
            j++;
        }
        int sig = j;
        while (j < n && j - sig <= (hexRef ? 6 : 7) && (hexRef ? hex(s[j]) >= 0 : Chars.digit(s[j]))) {
            j++;
        }
        long esc = shortest(s, p, sig, j, hexRef);
        return esc < 0 ? ~j : esc;
    }

    /**
     * The shortest reading of the digits {@code s[sig, j)} of the numeric reference at {@code i} (without its
     * {@code ;}) as {@code @}, {@code .} or {@code +}: the escape, or ~j. Values only grow with more digits: at most
     * three are read.
     */
    private static long shortest(char[] s, int i, int sig, int j, boolean hexRef) {
        int value = 0;
        for (int k = sig; k < j && value <= '@'; k++) {
            value = value * (hexRef ? 16 : 10) + (hexRef ? hex(s[k]) : s[k] - '0');
            if (value == '@' || value == '.' || value == '+') {
                return (long) (k + 1 - i) << 16 | value;
            }
        }
        return ~j;
    }

    /** What the letter after a backslash stands for: its character, -1 for {@code u} and {@code x}, 0 for no escape. */
    private static final byte[] BACKSLASH = new byte[128];

    static {
        BACKSLASH['n'] = '\n';
        BACKSLASH['r'] = '\r';
        BACKSLASH['t'] = '\t';
        BACKSLASH['b'] = '\b';
        BACKSLASH['f'] = '\f';
        BACKSLASH['/'] = '/';
        BACKSLASH['u'] = -1;
        BACKSLASH['x'] = -1;
    }

    /**
     * A backslash escape at {@code p}, after one, two or four backslashes: the escape letter of JSON text that was itself
     * put in a JSON string once or twice ({@code \\n}, {@code \\\\u0040}) is read in one step. A backslash that
     * escapes a backslash is not read on its own: a run of backslashes would cost three rounds of rewriting, and the
     * backslashes before a letter are all that matters to the detectors. Reads at most up to {@code p + 4 + 15}.
     */
    private static long backslash(char[] s, int p, int e) {
        int q = e - 1; // the escape proper starts at q, its letter (u or x) at e
        long esc = s[e] != 'u' ? bytes(s, q, 2) : e + 1 < s.length && s[e + 1] == '{' ? braced(s, q) : unit(s, q);
        return longer(esc, q - p, p + 4 + 15);
    }

    /**
     * <code>&#92;u{H…}</code> at {@code p}, 1 to 6 hex digits in braces (Rust's Debug, JavaScript, Swift, Ruby): that
     * character; outside the BMP when it folds to one ({@link Astral}). Reads at most up to {@code p + 10}.
     */
    private static long braced(char[] s, int p) {
        int n = s.length;
        int j = p + 3;
        int value = 0;
        while (j < n && j < p + 9 && hex(s[j]) >= 0) {
            value = value << 4 | hex(s[j]);
            j++;
        }
        if (j == p + 3 || j >= n || s[j] != '}' || value == 0 || value > 0x10FFFF) {
            return ~Math.min(j, p + 10);
        }
        int len = j + 1 - p;
        if (value > 0xFFFF) {
            char f = Astral.fold(value);
            return f == Astral.KEEP ? ~j : (long) len << 16 | f;
        }
        return Character.isSurrogate((char) value) ? ~j : (long) len << 16 | value;
    }

    /** {@code esc} (an escape, or ~the end of a failed parse) with {@code extra} characters before it, or ~{@code reach}. */
    private static long longer(long esc, int extra, int reach) {
        return esc < 0 ? ~reach : esc + ((long) extra << 16);
    }

    /**
     * <code>&#92;uXXXX</code> or {@code %uXXXX} at {@code p} (six characters): that UTF-16 unit; a surrogate pair written as two
     * of them, when its character folds to one ({@link Astral#fold}), as one escape of twelve. Reads at most up to
     * {@code p + 11}.
     */
    private static long unit(char[] s, int p) {
        int v = hex4(s, p + 2);
        if (v < 0) {
            return ~(p + 11);
        }
        if (Character.isHighSurrogate((char) v) && p + 11 < s.length && s[p + 6] == s[p] && s[p + 7] == 'u') {
            int low = hex4(s, p + 8);
            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                char f = Astral.fold(Character.toCodePoint((char) v, (char) low));
                if (f != Astral.KEEP) {
                    return 12L << 16 | f;
                }
            }
        }
        return 6L << 16 | v;
    }

    /**
     * Bytes written {@code %XX} ({@code w = 1}) or {@code \xXX} ({@code w = 2}) from {@code p}: a printable ASCII
     * character, tab, line feed or carriage return; or a whole UTF-8 sequence of 2 to 4 bytes (shortest form, no
     * surrogates), of a BMP character or an astral one (read as what it folds to, or as its high surrogate). Reads at
     * most up to {@code p + 4 (w + 2) - 1}.
     */
    static long bytes(char[] s, int p, int w) {
        int step = w + 2;
        int b = byteAt(s, p + w);
        if (b < 0x80) {
            return b >= 0x20 && b <= 0x7E || b == '\t' || b == '\n' || b == '\r' ? (long) step << 16 | b
                    : ~(p + step - 1);
        }
        int more = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
        int limit = p + step * (more + 1) - 1; // the last character the sequence spans
        if (b < 0xC2 || b > 0xF4) {
            return ~(p + step - 1); // a continuation byte, an overlong lead (C0, C1) or beyond U+10FFFF
        }
        int cp = b & (0x3F >> more);
        for (int k = 1; k <= more; k++) {
            int q = p + k * step;
            if (q >= s.length || s[q] != s[p] || w == 2 && (q + 1 >= s.length || s[q + 1] != 'x')) {
                return ~limit;
            }
            int c = byteAt(s, q + w);
            if (c < 0x80 || c > 0xBF) {
                return ~limit;
            }
            cp = cp << 6 | c & 0x3F;
        }
        if (more == 2 && (cp < 0x800 || Character.isSurrogate((char) cp)) || more == 3 && (cp < 0x10000 || cp > 0x10FFFF)) {
            return ~limit; // overlong, a surrogate, or beyond U+10FFFF
        }
        if (cp > 0xFFFF) {
            // One that folds to nothing or a character is read so; any other (an emoji, a CJK ideograph of a
            // supplementary plane) as its high surrogate, as the character itself reads to the detectors: left as
            // written, its first byte was read as Latin-1 ({@code %F0} is {@code ð}) and glued to what follows
            // ({@code %F0%9F%93%9E415-555-0133}, a telephone emoji form-posted before a number, hid the number).
            char f = Astral.fold(cp);
            return (long) (step * 4) << 16 | (f == Astral.KEEP ? Character.highSurrogate(cp) : f);
        }
        return (long) (step * (more + 1)) << 16 | cp;
    }

    /** The byte written as two hex digits at {@code i}, or -1. */
    private static int byteAt(char[] s, int i) {
        return i + 1 < s.length ? hex(s[i]) << 4 | hex(s[i + 1]) : -1; // negative when either is no hex digit
    }

    /** The value of four hex digits at {@code i}, or -1. */
    private static int hex4(char[] s, int i) {
        if (i + 3 >= s.length) {
            return -1;
        }
        return hex(s[i]) << 12 | hex(s[i + 1]) << 8 | hex(s[i + 2]) << 4 | hex(s[i + 3]); // negative if one is none
    }

    /**
     * The character reference at {@code i} ({@code s[i] == '&'}). A numeric one reads its leading zeros, at most 7
     * (decimal) or 6 (hex) more digits and the character after them; a named one at most {@value #LONGEST_NAME}
     * letters or digits and the character after them.
     */
    private static long reference(char[] s, int i) {
        int n = s.length;
        int j = i + 1;
        if (j < n && s[j] == '#') {
            j++;
            boolean hexRef = j < n && (s[j] == 'x' || s[j] == 'X');
            if (hexRef) {
                j++;
            }
            int start = j;
            while (j < n && s[j] == '0') {
                j++; // leading zeros: linear, as the parse never reads past a '%', '&' or '\'
            }
            int sig = j;
            int value = 0;
            int maxDigits = hexRef ? 6 : 7; // enough for U+10FFFF; longer references are left as they are
            while (j < n && j - sig <= maxDigits) {
                int d = hexRef ? hex(s[j]) : (char) (s[j] - '0') <= 9 ? s[j] - '0' : -1;
                if (d < 0) {
                    break;
                }
                value = value * (hexRef ? 16 : 10) + d;
                j++;
            }
            boolean semi = j < n && s[j] == ';';
            if (j == start || j - sig > maxDigits || value == 0 || value > 0x10FFFF) {
                // no character by HTML's greedy rule (&#x2B14155550133): its shortest reading as '@', '.' or '+'
                return semi ? ~j : shortest(s, i, sig, j, hexRef);
            }
            int len = j - i + (semi ? 1 : 0); // HTML5 reads a numeric reference without its ';'
            if (value >= 0x80 && value <= 0x9F && CP1252[value - 0x80] != 0) {
                value = CP1252[value - 0x80];
            }
            long esc;
            if (value > 0xFFFF) {
                char f = Astral.fold(value);
                esc = f == Astral.KEEP ? ~j : (long) len << 16 | f;
            } else {
                esc = Character.isSurrogate((char) value) ? ~j : (long) len << 16 | value;
            }
            // Without its ';', the reference may end sooner than HTML reads it (&#x40example is U+040E and xample to
            // a browser, jane@example to a reader; &#4111 1111 … hides a card): Decode reads it a second way too.
            if (semi || value == '@' || value == '.' || value == '+') {
                return esc; // with its ';', or no shorter reading: a shorter prefix of 64, 46, 43, 0x40, 0x2E or 0x2B is none
            }
            if (esc < 0) {
                return shortest(s, i, sig, j, hexRef);
            }
            long other = shortest(s, i, sig, j, hexRef); // what second() reads: a prefix, or the reference as written
            boolean differs = other >= 0 ? other != esc
                    : j < n && (s[j] == ' ' || s[j] == '-' || s[j] == '.' || Chars.digit(s[j])); // before more of a number
            if (!differs) {
                return esc;
            }
            // second()'s answer, packed (way): the prefix's character and how many digits of the reference follow it
            // (j - k - 1 <= 6 for the prefix's last digit k in [sig, j), j - sig <= 7), or 0 for as written (~j: with
            // no ';', the escape ends at j)
            int way = other < 0 ? 0 : ((char) other == '@' ? 1 : (char) other == '.' ? 2 : 3) | len - (int) (other >>> 16) << 2;
            return esc | AMBIGUOUS | (long) way << WAY;
        }
        int start = j;
        while (j < n && j - start <= LONGEST_NAME && (Chars.asciiLetter(s[j]) || Chars.digit(s[j]))) {
            j++;
        }
        if (j == start || j - start > LONGEST_NAME || j >= n || s[j] != ';') {
            return ~j;
        }
        Character c = NAMED.get(new String(s, start, j - start));
        return c == null ? ~j : (long) (j + 1 - i) << 16 | c;
    }

    /** The value of each hex digit below 128, -1 for other characters: one load instead of a chain of branches. */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 128; c++) {
            if (c >= '0' && c <= '9') {
                HEX[c] = (byte) (c - '0');
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                HEX[c] = (byte) (10 + (c | 0x20) - 'a');
            }
        }
    }

    private static int hex(char c) {
        return c < 128 ? HEX[c] : -1;
    }
}
