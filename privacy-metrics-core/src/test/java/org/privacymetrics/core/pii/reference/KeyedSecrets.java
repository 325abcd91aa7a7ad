package org.privacymetrics.core.pii.reference;

import java.util.List;
import java.util.Set;
import org.privacymetrics.core.pii.Finding;
import org.privacymetrics.core.pii.PiiKind;

/**
 * Added 2026-12-02 (mail6), in the engine too: secrets named by the key before them ({@code password=…},
 * {@code X-Vault-Token: …}, {@code --api-key …}, {@code -u user:password}, {@code -u user -p …}, {@code login user
 * password …}); see the engine's KeyedSecrets. Written on strings: the key's words split and compared as strings.
 */
final class KeyedSecrets {

    private static final Set<String> TOKENS = Set.of("token", "secret", "signature", "sig", "session", "sessionid",
            "jsessionid", "phpsessid", "apikey", "accesskey", "secretkey", "privatekey", "accesstoken", "refreshtoken",
            "authtoken", "clientsecret");
    private static final Set<String> KEYS = Set.of("api", "access", "secret", "private", "subscription", "client",
            "master", "auth", "signing", "encryption", "account", "app");
    private static final Set<String> PLACEHOLDERS = Set.of("true", "false", "null", "none", "nil", "undefined", "empty",
            "redacted", "hidden", "masked", "required", "optional", "changed", "expired", "invalid", "incorrect", "reset",
            "unset", "yes", "no", "missing", "wrong", "blank", "secret", "password", "omitted", "filtered");

    private static final int NONE = 0;
    private static final int PASSWORD = 1;
    private static final int TOKEN = 2;
    private static final int PAIR = 3;
    private static final int PASS = 4; // label8: "pass", a password not of digits and . , / % : only, with a digit, a symbol or both cases
    private static final Set<String> CREDENTIALS = Set.of("credentials", "creds", "senha", "contrase\u00f1a",
            "contrasena", "pwd"); // label8 (pwd: as before)

    private KeyedSecrets() {
    }

    static void scan(CharSequence s, List<Finding> out) {
        int from = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int[] v = c == '=' || c == ':' ? afterKey(s, i, from) : c == '-' ? afterOption(s, i)
                    : c == 'p' || c == 'P' ? afterNetrc(s, i) : null;
            if (v != null) {
                out.add(new Finding(PiiKind.TOKEN, v[0], v[1]));
                from = v[1];
                i = v[1];
            } else {
                i++;
            }
        }
    }

    private static boolean name(char c) {
        return c < 128 ? Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'
                : c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7; // Latin-1 letters: label8 (contraseña)
    }

    private static boolean value(char c) {
        if (c <= ' ' || c == 127) {
            return false;
        }
        return c >= 128 ? !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                : ",\"'`\\&;<>)]}".indexOf(c) < 0;
    }

    private static int[] afterKey(CharSequence s, int i, int from) {
        int e = i;
        for (int b = 0; b < 2 && e - 1 > from && s.charAt(e - 1) == ' '; b++) {
            e--;
        }
        if (e - 1 > from && (s.charAt(e - 1) == '"' || s.charAt(e - 1) == '\'')) {
            e--;
            if (e - 1 > from && s.charAt(e - 1) == '\\') {
                e--;
            }
        }
        int a = e;
        while (a > from && name(s.charAt(a - 1))) {
            a--;
        }
        if (a == e || e - a > 64) {
            return null;
        }
        int kind = kind(s.subSequence(a, e).toString());
        if (kind == NONE && lower(s.subSequence(a, e).toString()).equals("passe") && a - 7 >= from
                && lower(s.subSequence(a - 7, a).toString()).equals("mot de ")) {
            kind = PASSWORD; // label8: "mot de passe: …"
        }
        if (kind == NONE) {
            return null;
        }
        int k = i + 1;
        if (s.charAt(i) == '=' && k < s.length() && s.charAt(k) == '>') {
            k++;
        }
        if (s.charAt(i) == ':' && k < s.length() && s.charAt(k) == '/') {
            return null;
        }
        for (int b = 0; b < 2 && k < s.length() && s.charAt(k) == ' '; b++) {
            k++;
        }
        return valueAt(s, k, kind);
    }

    /** The words of a key name: split at - _ . and before an upper-case letter that follows a lower-case one. */
    private static int kind(String key) {
        if (!Character.isLetterOrDigit(key.charAt(key.length() - 1))) {
            return NONE;
        }
        List<String> list = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int k = 0; k < key.length(); k++) {
            char c = key.charAt(k);
            boolean camel = c >= 'A' && c <= 'Z' && k > 0 && key.charAt(k - 1) >= 'a' && key.charAt(k - 1) <= 'z';
            if (c == '-' || c == '_' || c == '.' || camel) {
                if (word.length() > 0) {
                    list.add(word.toString());
                }
                word.setLength(0);
            }
            if (c != '-' && c != '_' && c != '.') {
                word.append(c);
            }
        }
        list.add(word.toString());
        String[] words = list.toArray(new String[0]);
        String last = lower(words[words.length - 1]);
        if (last.endsWith("password") || last.endsWith("passwd") || last.endsWith("passphrase") || CREDENTIALS.contains(last)
                || last.endsWith("passwort") || last.endsWith("kennwort") || last.endsWith("motdepasse")) {
            return PASSWORD;
        }
        if (last.equals("pass")) {
            return PASS;
        }
        if (TOKENS.contains(last)) {
            return TOKEN;
        }
        if (last.equals("encoded")) {
            return PAIR;
        }
        String before = words.length > 1 ? lower(words[words.length - 2]) : "";
        if (last.equals("auth")) {
            return before.equals("basic") ? PASSWORD : TOKEN; // label8: auth, _auth, basic_auth
        }
        if (last.equals("passe")) {
            return before.equals("de") ? PASSWORD : NONE; // label8: mot_de_passe
        }
        if (last.equals("key") && KEYS.contains(before) || last.equals("id") && before.equals("session")) {
            return TOKEN;
        }
        return NONE;
    }

    private static int[] afterOption(CharSequence s, int i) {
        int n = s.length();
        if (i > 0 && s.charAt(i - 1) != ' ' && s.charAt(i - 1) != '\t' || i + 3 >= n) {
            return null;
        }
        boolean longOption = s.charAt(i + 1) == '-';
        int a = i + (longOption ? 2 : 1);
        if (!longOption && s.charAt(a) == 'p' && value(s.charAt(a + 1)) && userBefore(s, i)) {
            int e = a + 1;
            while (e < n && value(s.charAt(e))) {
                e++;
            }
            // label8: "mysql -u root -phunter2", the value glued to -p
            return numeric(s.subSequence(a + 1, e).toString()) ? null : valueAt(s, a + 1, PASSWORD);
        }
        int k = a;
        while (k < n && k - a <= 64 && name(s.charAt(k))) {
            k++;
        }
        if (k == a || k >= n || s.charAt(k) != ' ' || k + 1 >= n || s.charAt(k + 1) == '-') {
            return null;
        }
        String option = s.subSequence(a, k).toString();
        if (longOption ? lower(option).equals("user") : option.equals("u")) {
            int b = k + 1 < n && (s.charAt(k + 1) == '\'' || s.charAt(k + 1) == '"') ? k + 2 : k + 1; // inside quotes
            int e = b;
            while (e < n && value(s.charAt(e))) {
                e++;
            }
            String v = s.subSequence(b, e).toString();
            int colon = v.indexOf(':');
            return colon > 0 && colon + 1 < v.length() && v.charAt(colon + 1) != '/' && !numeric(v) ? new int[] {b, e} : null;
        }
        if (!longOption) {
            if (!option.equals("p")) {
                return null;
            }
            boolean user = userBefore(s, i);
            int e = k + 1;
            while (e < n && value(s.charAt(e))) {
                e++;
            }
            return user && !numeric(s.subSequence(k + 1, e).toString()) ? valueAt(s, k + 1, PASSWORD) : null;
        }
        if (k - a > 64) {
            return null;
        }
        int kind = kind(option);
        return kind == NONE ? null : valueAt(s, k + 1, kind);
    }

    /** "-u user " just before the option at i: the word before the blank, and "-u " before it at a word start; or "-uuser " (label8). */
    private static boolean userBefore(CharSequence s, int i) {
        if (i == 0) {
            return false;
        }
        String before = s.subSequence(0, i).toString();
        int w = i - 1;
        while (w > 0 && i - 1 - w < 64 && value(s.charAt(w - 1))) {
            w--;
        }
        String word = s.subSequence(w, i - 1).toString();
        if (word.length() > 2 && word.startsWith("-u") && word.charAt(2) != '-' && (w == 0 || s.charAt(w - 1) == ' ')) {
            return true;
        }
        return w < i - 1 && (w >= 4 && before.startsWith(" -u ", w - 4) || w == 3 && before.startsWith("-u "));
    }

    /** Added 2026-12-02 (mail6), in the engine too: a uid:gid or a port mapping, digits and : . / only. */
    private static boolean numeric(String v) {
        return !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9' || c == ':' || c == '.' || c == '/');
    }

    private static int[] afterNetrc(CharSequence s, int i) {
        int n = s.length();
        if (i + 9 >= n || i < 8 || !lower(s.subSequence(i, i + 8).toString()).equals("password") || s.charAt(i + 8) != ' '
                || s.charAt(i - 1) != ' ') {
            return null;
        }
        int w = i - 1;
        while (w > 0 && i - w < 64 && s.charAt(w - 1) != ' ' && value(s.charAt(w - 1))) {
            w--;
        }
        if (w == i - 1 || w < 6 || s.charAt(w - 1) != ' ' || !lower(s.subSequence(w - 6, w - 1).toString()).equals("login")
                || w - 7 >= 0 && s.charAt(w - 7) != ' ') {
            return null;
        }
        return valueAt(s, i + 9, PASSWORD);
    }

    private static int[] valueAt(CharSequence s, int k, int kind) {
        int n = s.length();
        if (k >= n) {
            return null;
        }
        int a;
        int e;
        boolean escaped = s.charAt(k) == '\\' && k + 1 < n && s.charAt(k + 1) == '"';
        if (escaped || s.charAt(k) == '"' || s.charAt(k) == '\'') {
            String close = escaped ? "\\\"" : String.valueOf(s.charAt(k));
            a = k + close.length();
            String rest = s.subSequence(a, Math.min(n, a + 256)).toString();
            int line = rest.length();
            for (int j = 0; j < rest.length(); j++) {
                if (rest.charAt(j) == '\n' || rest.charAt(j) == '\r') {
                    line = j;
                    break;
                }
            }
            rest = rest.substring(0, line);
            int q = -1;
            for (int j = 0; j < rest.length(); j++) {
                boolean esc = j > 0 ? rest.charAt(j - 1) == '\\' : s.charAt(a - 1) == '\\';
                if (rest.charAt(j) == '"' && escaped && esc || !escaped && rest.charAt(j) == close.charAt(0) && !esc) {
                    q = j;
                    break;
                }
            }
            if (q < 0) {
                return null;
            }
            e = a + (escaped ? q - 1 : q);
        } else {
            a = k;
            e = k;
            while (e < n && value(s.charAt(e))) {
                e++;
            }
            // a password goes on past & ; , while the next run of value characters holds no '=' (a next key), since s10
            while ((kind == PASSWORD || kind == PASS) && e + 1 < n && ",;&".indexOf(s.charAt(e)) >= 0 && value(s.charAt(e + 1))) {
                int r = e + 1;
                while (r < n && value(s.charAt(r))) {
                    r++;
                }
                if (s.subSequence(e + 1, r).toString().contains("=")) {
                    break;
                }
                e = r;
            }
            if (e >= n || s.charAt(e) != '=') {
                while (e > a && s.charAt(e - 1) == '.') {
                    e--;
                }
            }
        }
        return e - a >= 0 && secret(s.subSequence(a, e).toString(), kind) ? new int[] {a, e} : null;
    }

    private static boolean secret(String v, int kind) {
        if (v.length() < (kind == PASSWORD || kind == PASS ? 3 : kind == TOKEN ? 8 : 16) || "${<%/[(".indexOf(v.charAt(0)) >= 0) {
            return false;
        }
        if (v.chars().allMatch(c -> "*xX\u2022#.".indexOf(c) >= 0)) {
            return false;
        }
        if (kind == PAIR) {
            String b = v;
            while (b.endsWith("=")) {
                b = b.substring(0, b.length() - 1);
            }
            return b.length() >= 16 && b.chars().allMatch(c -> Chars.is((char) c, Chars.BASE64 | Chars.BASE64URL))
                    && TokenDetector.decodesWithColon(b, 0, b.length()) && TokenDetector.decodesToText(b, 0, b.length());
        }
        if (kind == TOKEN) {
            return v.chars().anyMatch(c -> c >= '0' && c <= '9')
                    || v.chars().anyMatch(c -> c >= 'A' && c <= 'Z') && v.chars().anyMatch(c -> c >= 'a' && c <= 'z');
        }
        if (kind == PASS && (v.chars().allMatch(c -> Chars.digit((char) c) || ".,/%:".indexOf(c) >= 0)
                || !(v.chars().anyMatch(c -> Chars.digit((char) c)) || v.chars().anyMatch(c -> !Chars.alnum((char) c))
                        || v.chars().anyMatch(c -> c >= 'A' && c <= 'Z') && v.chars().anyMatch(c -> c >= 'a' && c <= 'z')))) {
            return false;
        }
        return !PLACEHOLDERS.contains(lower(v));
    }

    /** ASCII letters (and since label8 Latin-1 upper-case letters) to lower case only, as the engine compares words. */
    private static String lower(String w) {
        StringBuilder b = new StringBuilder(w.length());
        for (char c : w.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' || c >= '\u00c0' && c <= '\u00de' && c != '\u00d7' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
