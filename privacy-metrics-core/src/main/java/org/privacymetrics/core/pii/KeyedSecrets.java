package org.privacymetrics.core.pii;

/**
 * Secrets named by the key before them (since 2026-12-02, mail6): the value of a key whose last word names a password
 * ({@code password passwd pwd passphrase}, also as the end of a word: {@code PGPASSWORD}, {@code dbPassword}) or a
 * secret token ({@code token secret signature sig session sessionid}, and {@code key} or {@code id} after a word that
 * makes it one: {@code api_key}, {@code aws_secret_access_key}, {@code Ocp-Apim-Subscription-Key},
 * {@code AccountKey}, {@code session_id}), or {@code encoded} before a base64 {@code id:key} (Elasticsearch's API
 * keys). Words are split at {@code - _ .} and at a lower-to-upper case change, so
 * {@code password_policy}, {@code token_type}, {@code max_tokens} or {@code cache_key} name no secret. Forms:
 * <ul>
 *   <li>{@code key=value}, {@code key: value}, {@code "key": "value"}, {@code key => value} (a header, a query or
 *       connection string, logfmt, JSON, YAML), the key's quotes and up to two blanks around the separator;</li>
 *   <li>command lines: {@code --key value}, {@code -u user:password} and {@code --user user:password} (curl),
 *       {@code -p value} after {@code -u user} (docker login), {@code login user password value} (.netrc).</li>
 * </ul>
 * The value is masked, the key kept. A password is any value of 3 characters at least but a placeholder
 * ({@code true}, {@code null}, {@code ***}, {@code ${…}}, a path); a token needs 8 characters and a digit or both
 * cases, so that {@code session=expired} or {@code signature=verified} stay plain. A quoted value is read to its
 * closing quote (at most 256 characters, one line). Linear: the scan jumps between trigger characters ({@code = : - p
 * P}); a key is read back from its separator over name characters (at most 64, none of them a separator), a value
 * forward to its end, and the scan resumes after a value found.
 */
final class KeyedSecrets {

    private static final int MAX_NAME = 64;
    private static final int MAX_QUOTED = 256;

    /** The kind of secret a name's last word names. */
    private static final int NONE = 0;
    private static final int PASSWORD = 1;
    private static final int TOKEN = 2;
    /** A base64 {@code id:key} pair ({@code "encoded":"…"} of Elasticsearch's API keys). */
    private static final int PAIR = 3;
    /**
     * The short word {@code pass} (since label8): a password that is not made of digits and {@code . , / % :} only
     * ({@code tests pass=12/12}) and has a digit, a symbol or both cases ({@code check pass: PASSED} stays plain).
     */
    private static final int PASS = 4;

    /** Trigger characters: the separators {@code = :}, {@code -} (a command-line option), {@code p P} (password). */
    private static final boolean[] TRIGGER = new boolean[65536];

    /**
     * What may stand just before a separator whose key names a secret: a blank, a quote, or the last letter of a
     * secret word ({@code d e n t g y h s l a}, any case: passwor<b>d</b>, passphras<b>e</b>, toke<b>n</b>, secre<b>t</b>,
     * si<b>g</b>, ke<b>y</b>, aut<b>h</b>, pas<b>s</b>, senh<b>a</b>, …).
     */
    private static final boolean[] KEY_END = new boolean[128];

    static {
        for (char c : " \t\"'dentgyhslaDENTGYHSLA".toCharArray()) { // h s l a: auth, pass, credential, senha (label8)
            KEY_END[c] = true;
        }
    }

    /** Characters of a key name: ASCII letters, digits, {@code - _ .}; Latin-1 letters since label8 ({@code contraseña}). */
    private static final boolean[] NAME = new boolean[256];

    /** Characters of an unquoted value: no blank, control, quote, {@code , \ & ; < > ) ] }}. */
    private static final boolean[] VALUE = new boolean[65536];

    static {
        for (char c : "=:-pP".toCharArray()) {
            TRIGGER[c] = true;
        }
        for (int c = 0; c < 256; c++) {
            NAME[c] = c < 128 ? Chars.alnum((char) c) || c == '-' || c == '_' || c == '.' : c >= 0xC0 && c != 0xD7 && c != 0xF7;
        }
        for (int c = 0; c < 65536; c++) {
            char ch = (char) c;
            VALUE[c] = c > ' ' && c != 127 && (c >= 128 ? !Character.isWhitespace(ch) && !Character.isSpaceChar(ch)
                    && !Character.isISOControl(ch) : ",\"'`\\&;<>)]}".indexOf(ch) < 0);
        }
    }

    /** Words that name a password as the last word of a key (or its end). */
    private static final String[] PASSWORDS = {"password", "passwd", "passphrase", "passwort", "kennwort", "motdepasse"};

    /**
     * Words that name a password as the last word of a key (since label8): {@code credentials} (not {@code X-Amz-Credential}: an access key id, a date and a region), {@code senha},
     * {@code contraseña} (Latin-1 letters compared in either case), the {@code passe} of {@code mot_de_passe}.
     */
    private static final String[] CREDENTIALS = {"credentials", "creds", "senha", "contrase\u00f1a",
        "contrasena"};

    /** Words that name a secret token as the last word of a key. */
    private static final String[] TOKENS = {"token", "secret", "signature", "sig", "session", "sessionid", "jsessionid",
        "phpsessid", "apikey", "accesskey", "secretkey", "privatekey", "accesstoken", "refreshtoken", "authtoken",
        "clientsecret"};

    /** Words before {@code key} that make it a secret ({@code api_key}, {@code SubscriptionKey}). */
    private static final String[] KEYS = {"api", "access", "secret", "private", "subscription", "client", "master",
        "auth", "signing", "encryption", "account", "app"};

    /** Values that stand for no password. */
    private static final String[] PLACEHOLDERS = {"true", "false", "null", "none", "nil", "undefined", "empty",
        "redacted", "hidden", "masked", "required", "optional", "changed", "expired", "invalid", "incorrect", "reset",
        "unset", "yes", "no", "missing", "wrong", "blank", "secret", "password", "omitted", "filtered"};

    /**
     * The last two characters of every word {@link #nameKind} takes, read as {@link #matchesLatin} reads them (upper
     * case to lower case, Latin-1 too), as {@code c1 << 8 | c2}: since tok11 a key whose name does not end with one of
     * these pairs names no secret, found in two loads ({@code phone:}, {@code time:}, {@code name=} were compared with
     * about forty words each, most of the token pass's time on {@code phone: 555-0133}). Every word is two characters
     * long at least, and the name's characters are all below 256 ({@link #NAME}).
     */
    private static final boolean[] ENDINGS = new boolean[1 << 16];

    static {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (String[] words : new String[][] {PASSWORDS, CREDENTIALS, TOKENS,
            {"pwd", "pass", "encoded", "key", "id", "auth", "passe"}}) {
            all.addAll(java.util.Arrays.asList(words));
        }
        for (String w : all) {
            int k = w.length();
            if (k < 2 || w.charAt(k - 2) >= 256 || w.charAt(k - 1) >= 256) {
                throw new IllegalStateException("key word [" + w + "]: shorter than 2 or outside Latin-1");
            }
            ENDINGS[w.charAt(k - 2) << 8 | w.charAt(k - 1)] = true;
        }
    }

    /** {@code c} (below 256) as {@link #matchesLatin} compares it: ASCII and Latin-1 upper-case letters in lower case. */
    private static int lowerLatin(char c) {
        return c >= 'A' && c <= 'Z' || c >= '\u00c0' && c <= '\u00de' && c != '\u00d7' ? c + 32 : c;
    }

    private KeyedSecrets() {
    }

    static void scan(char[] s, Findings out) {
        int n = s.length;
        int i = 0;
        int from = 0; // a key is not read back into the value found before
        ValueRun run = new ValueRun(); // the last unquoted value's run (linear: see ValueRun)
        while (true) {
            while (i < n && !TRIGGER[s[i]]) {
                i++;
            }
            if (i >= n) {
                return;
            }
            char c = s[i];
            // what each attempt needs first, tested here (a run of colons or dashes costs no call): before a
            // separator a blank, a quote or the last letter of a secret word; before an option or "password" a blank
            char b = i > 0 ? s[i - 1] : ' ';
            long v = -1;
            if (c == '=' || c == ':') {
                v = b < 128 && KEY_END[b] ? afterKey(s, i, from, run, out) : -1;
            } else if (b == ' ' || b == '\t') {
                v = c == '-' ? afterOption(s, i, run, out) : afterNetrc(s, i, run, out);
            }
            if (out.overBudget()) {
                return; // the value is masked whole (PiiScanner)
            }
            if (v >= 0) {
                int start = (int) (v >>> 32);
                int end = (int) v;
                out.add(PiiKind.TOKEN, start, end);
                from = end;
                i = end;
            } else {
                i++;
            }
        }
    }

    /** The value after the separator {@code =} or {@code :} at {@code i} of a key that names a secret: its span, or -1. */
    private static long afterKey(char[] s, int i, int from, ValueRun run, Findings out) {
        int n = s.length;
        int e = i;
        for (int b = 0; b < 2 && e - 1 > from && s[e - 1] == ' '; b++) {
            e--; // "password = …"
        }
        if (e - 1 > from && (s[e - 1] == '"' || s[e - 1] == '\'')) {
            e--; // the key's closing quote: "password": …
            if (e - 1 > from && s[e - 1] == '\\') {
                e--; // \"password\": … in a logged JSON string
            }
        }
        int kind = nameKind(s, e, from, out);
        if (kind == NONE || !out.spend(WorkBudget.KEY)) {
            return -1;
        }
        int k = i + 1;
        if (s[i] == '=' && k < n && s[k] == '>') {
            k++; // "password => …" (Ruby, PHP)
        }
        if (s[i] == ':' && k < n && s[k] == '/') {
            return -1; // "token://…" is a URL scheme
        }
        for (int b = 0; b < 2 && k < n && s[k] == ' '; b++) {
            k++;
        }
        return value(s, k, kind, run, out);
    }

    /**
     * The kind of secret the key name ending at {@code e} names ({@link #PASSWORD}, {@link #TOKEN}) or {@link #NONE}:
     * its last word, and the one before for {@code key} and {@code id}. The name is read back at most
     * {@value #MAX_NAME} characters, not before {@code from}.
     */
    private static int nameKind(char[] s, int e, int from, Findings out) {
        int a = e;
        while (a > from && e - a <= MAX_NAME && s[a - 1] < 256 && NAME[s[a - 1]]) {
            a--;
        }
        if (!out.spend(WorkBudget.LOOK + 2 * (e - a))) {
            return NONE; // read back and compared with the secret words: charged by its length (useripapi-key: …)
        }
        if (e - a < 2 || e - a > MAX_NAME || !ENDINGS[lowerLatin(s[e - 2]) << 8 | lowerLatin(s[e - 1])]) {
            return NONE; // every word below is 2 characters at least, and ends as the name must (ENDINGS)
        }
        int w = wordStart(s, a, e);
        if (w == e) {
            return NONE;
        }
        for (String p : PASSWORDS) {
            if (e - w >= p.length() && Chars.matchesLower(s, e - p.length(), p)) {
                return PASSWORD;
            }
        }
        if (e - w == 3 && Chars.matchesLower(s, w, "pwd") || among(s, w, e, CREDENTIALS)) {
            return PASSWORD;
        }
        if (e - w == 4 && Chars.matchesLower(s, w, "pass")) {
            return PASS;
        }
        if (among(s, w, e, TOKENS)) {
            return TOKEN;
        }
        if (e - w == 7 && Chars.matchesLower(s, w, "encoded")) {
            return PAIR;
        }
        boolean key = e - w == 3 && Chars.matchesLower(s, w, "key");
        boolean id = e - w == 2 && Chars.matchesLower(s, w, "id");
        boolean auth = e - w == 4 && Chars.matchesLower(s, w, "auth"); // since label8: auth, _auth (.npmrc), basic_auth
        boolean passe = e - w == 5 && Chars.matchesLower(s, w, "passe"); // since label8: mot de passe, mot_de_passe
        if (passe && w == a && a - 7 >= from && Chars.matchesLower(s, a - 7, "mot de ")) {
            return PASSWORD;
        }
        if (!key && !id && !auth && !passe) {
            return NONE;
        }
        int pe = w;
        while (pe > a && (s[pe - 1] == '-' || s[pe - 1] == '_' || s[pe - 1] == '.')) {
            pe--;
        }
        int pw = wordStart(s, a, pe);
        if (auth) {
            return pe - pw == 5 && Chars.matchesLower(s, pw, "basic") ? PASSWORD : TOKEN;
        }
        if (pw == pe) {
            return NONE;
        }
        if (passe) {
            return pe - pw == 2 && Chars.matchesLower(s, pw, "de") ? PASSWORD : NONE;
        }
        return key ? (among(s, pw, pe, KEYS) ? TOKEN : NONE) : (pe - pw == 7 && Chars.matchesLower(s, pw, "session") ? TOKEN : NONE);
    }

    /**
     * The start of the last word of the name {@code s[a, e)}: after the last {@code - _ .}, or at an upper-case letter
     * after a lower-case one ({@code clientSecret}); {@code e} when the name ends with a separator.
     */
    private static int wordStart(char[] s, int a, int e) {
        int w = e;
        while (w > a && Chars.alnum(s[w - 1])) {
            w--;
            if (w > a && Chars.upper(s[w]) && s[w - 1] >= 'a' && s[w - 1] <= 'z') {
                return w;
            }
        }
        return w;
    }

    /** Whether {@code s[a, b)} is one of {@code words} (any case; Latin-1 letters too). */
    private static boolean among(char[] s, int a, int b, String[] words) {
        for (String w : words) {
            if (b - a == w.length() && matchesLatin(s, a, w)) {
                return true;
            }
        }
        return false;
    }

    /** {@link Chars#matchesLower}, Latin-1 upper-case letters read as lower case too ({@code CONTRASEÑA}). */
    private static boolean matchesLatin(char[] s, int i, String word) {
        if (i < 0 || i + word.length() > s.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = s[i + k];
            if (c >= 'A' && c <= 'Z' || c >= '\u00c0' && c <= '\u00de' && c != '\u00d7') {
                c = (char) (c + 32);
            }
            if (c != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A command-line option at {@code i} ({@code -} after a blank or at the start): {@code --key value} for a key that
     * names a secret, {@code -u user:password} and {@code --user user:password}, {@code -p value} after
     * {@code -u user}. The value's span, or -1.
     */
    private static long afterOption(char[] s, int i, ValueRun run, Findings out) {
        int n = s.length;
        if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '\t' || i + 3 >= n || !out.spend(WorkBudget.TOKEN)) {
            return -1;
        }
        int k = i + 1;
        boolean long_ = s[k] == '-';
        if (long_) {
            k++;
        }
        int a = k;
        if (!long_ && s[a] == 'p' && VALUE[s[a + 1]] && afterUser(s, i) && !numeric(s, a + 1, n)) {
            return value(s, a + 1, PASSWORD, run, out); // since label8: "mysql -u root -phunter2", the value glued to -p
        }
        while (k < n && k - a <= MAX_NAME && s[k] < 128 && NAME[s[k]]) {
            k++;
        }
        if (k == a || k >= n || s[k] != ' ' || k + 1 >= n || s[k + 1] == '-') {
            return -1; // "--key=value" is read at its '='
        }
        int v = k + 1;
        boolean user = long_ ? k - a == 4 && Chars.matchesLower(s, a, "user") : k - a == 1 && s[a] == 'u';
        if (user) {
            return userPassword(s, v);
        }
        if (!long_) {
            return k - a == 1 && s[a] == 'p' && afterUser(s, i) && !numeric(s, v, n) ? value(s, v, PASSWORD, run, out) : -1;
        }
        int kind = nameKind(s, k, a, out);
        return kind == NONE ? -1 : value(s, v, kind, run, out);
    }

    /** {@code user:password} at {@code v} (curl's {@code -u}): its span when both parts are there, or -1. */
    private static long userPassword(char[] s, int v) {
        int n = s.length;
        if (v < n && (s[v] == '\'' || s[v] == '"')) {
            v++; // "-u 'jane:p4ss'": inside the quotes
        }
        int e = v;
        int colon = -1;
        while (e < n && VALUE[s[e]]) {
            if (s[e] == ':' && colon < 0) {
                colon = e;
            }
            e++;
        }
        if (colon <= v || colon + 1 >= e || s[colon + 1] == '/' || numeric(s, v, e)) {
            return -1; // "docker run -u 1000:1000": a uid and a gid
        }
        return (long) v << 32 | e;
    }

    /**
     * Whether {@code s[a, e)} up to its first blank is made of digits, {@code : . /} only: a uid:gid or a port mapping
     * ({@code docker run -u 1000:1000 -p 8080:80}), not a credential.
     */
    private static boolean numeric(char[] s, int a, int e) {
        int n = s.length;
        int k = a;
        for (; k < n && k < e && VALUE[s[k]]; k++) {
            char c = s[k];
            if (!Chars.digit(c) && c != ':' && c != '.' && c != '/') {
                return false;
            }
        }
        return k > a;
    }

    /**
     * Whether {@code -u user } stands just before the option at {@code i} ({@code docker login -u jane -p …}), or
     * since label8 {@code -uuser } ({@code mysql -uroot -phunter2}).
     */
    private static boolean afterUser(char[] s, int i) {
        int k = i - 1; // the blank before the option
        int w = k;
        while (w > 0 && k - w < MAX_NAME && VALUE[s[w - 1]]) {
            w--;
        }
        if (w < k - 2 && s[w] == '-' && s[w + 1] == 'u' && s[w + 2] != '-' && (w == 0 || s[w - 1] == ' ')) {
            return true; // "-uroot": the user glued to its option
        }
        return w < k && w >= 3 && s[w - 1] == ' ' && s[w - 2] == 'u' && s[w - 3] == '-' && (w == 3 || s[w - 4] == ' ');
    }

    /** {@code password value} after {@code login user } at {@code i} (a .netrc line): the value's span, or -1. */
    private static long afterNetrc(char[] s, int i, ValueRun run, Findings out) {
        int n = s.length;
        if (i + 9 >= n || !Chars.matchesLower(s, i, "password") || s[i + 8] != ' ' || i < 8 || s[i - 1] != ' '
                || !out.spend(WorkBudget.TOKEN)) {
            return -1;
        }
        int w = i - 1;
        while (w > 0 && i - w < MAX_NAME && s[w - 1] != ' ' && VALUE[s[w - 1]]) {
            w--;
        }
        if (w == i - 1 || w < 6 || s[w - 1] != ' ' || !Chars.matchesLower(s, w - 6, "login")
                || w - 7 >= 0 && s[w - 7] != ' ') {
            return -1;
        }
        return value(s, i + 9, PASSWORD, run, out);
    }

    /**
     * The run of value characters the last unquoted value was read from, and whether a token read in it failed for a
     * reason its suffixes share (since 2026-12-04): in {@code xoxb-apikey:glpat-abcde} repeated ({@code :} is a value
     * character, so the value after each {@code apikey:} ran to the end of the text, lower case without a digit) every
     * key read the rest of the value and failed, quadratic (found by a random search). A later value that starts inside
     * the run ends where it ends; a token in it is a suffix of the earlier one, with fewer letters and digits, and fails
     * too when the earlier one failed for lacking them, being short or masked (not for its first character: a
     * placeholder's {@code $ { < % / [ (}).
     */
    private static final class ValueRun {
        int start = -1; // where the first value read in the run started, or -1
        int end; // where the run of value characters ends
        boolean tokenFailed;

        /** The end of the run of value characters from {@code k} if it is inside this one, else -1. */
        int endFrom(int k) {
            return start >= 0 && k >= start && k <= end ? end : -1;
        }
    }

    /**
     * The value of a {@code kind} secret at {@code k}: quoted ({@code "…"}, {@code '…'}, {@code \"…\"}: inside the
     * quotes) or a run of value characters without its trailing dots; its span when it reads as that kind of secret,
     * or -1.
     */
    private static long value(char[] s, int k, int kind, ValueRun run, Findings out) {
        int n = s.length;
        if (k >= n) {
            return -1;
        }
        int a = k;
        int e;
        boolean escaped = s[k] == '\\' && k + 1 < n && s[k + 1] == '"';
        if (escaped || s[k] == '"' || s[k] == '\'') {
            char q = escaped ? '"' : s[k];
            a = k + (escaped ? 2 : 1);
            e = -1;
            for (int j = a, limit = Math.min(n, a + MAX_QUOTED); j < limit; j++) {
                char c = s[j];
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == q && (s[j - 1] == '\\') == escaped) {
                    e = escaped ? j - 1 : j;
                    break;
                }
            }
            if (e < 0) {
                return -1;
            }
        } else {
            e = run.endFrom(k);
            if (e < 0) {
                e = k;
                while (e < n && VALUE[s[e]]) {
                    e++;
                }
                run.start = k;
                run.end = e;
                run.tokenFailed = false;
            } else if (kind == TOKEN && run.tokenFailed) {
                return -1; // a suffix of a token that failed for what it lacks
            }
            if (kind == PASSWORD || kind == PASS) {
                e = passwordEnd(s, e);
            }
            if (e >= n || s[e] != '=') {
                while (e > a && s[e - 1] == '.') {
                    e--;
                }
            }
        }
        if (!out.spend(Math.max(0, e - a))) {
            return -1; // the value is read whole below, a unit a character (a key before each value: useripapi-key: …)
        }
        if (secret(s, a, e, kind)) {
            return (long) a << 32 | e;
        }
        if (kind == TOKEN && a == k && !placeholderStart(s[a])) {
            run.tokenFailed = true; // unquoted (a == k): read from the run
        }
        return -1;
    }

    /** A first character that makes a value a placeholder, a format or a path ({@link #secret}). */
    private static boolean placeholderStart(char c) {
        return c == '$' || c == '{' || c == '<' || c == '%' || c == '/' || c == '[' || c == '(';
    }

    /**
     * Where a password's unquoted value ends when its run of value characters stopped at {@code e} (since s10): a
     * password may hold {@code & ; ,} ({@code pwd=Tr0ub4dor&3}); the value goes on past one of them while the run
     * after it holds no {@code =} (which would be the next key: {@code pwd=x&next=1}, {@code Password=x;Database=y}).
     * Each run after a separator is read once: either the value takes it or the search stops, so the work is linear.
     */
    private static int passwordEnd(char[] s, int e) {
        int n = s.length;
        while (e + 1 < n && (s[e] == '&' || s[e] == ';' || s[e] == ',') && VALUE[s[e + 1]]) {
            int r = e + 1;
            boolean key = false;
            while (r < n && VALUE[s[r]]) {
                key |= s[r] == '=';
                r++;
            }
            if (key) {
                break;
            }
            e = r;
        }
        return e;
    }

    /** Whether {@code s[a, e)} reads as a secret of {@code kind} (see the class comment). */
    private static boolean secret(char[] s, int a, int e, int kind) {
        if (e - a < (kind == PASSWORD || kind == PASS ? 3 : kind == TOKEN ? 8 : 16)) {
            return false;
        }
        if (placeholderStart(s[a])) {
            return false; // a placeholder, a format, a path
        }
        int t = e; // a base64 pair's end before its padding
        if (kind == PAIR) {
            // base64 first: it fails at the first other character, which a later key's separator is, so a pair read
            // from inside a run of value characters costs what it reads up to there (bearer中encoded:abcdefg repeated
            // read the whole rest of the value per key below: quadratic, found by a random search, 2026-12-04)
            while (t > a && s[t - 1] == '=') {
                t--;
            }
            for (int j = a; j < t; j++) {
                if (!Chars.is(s[j], Chars.BASE64 | Chars.BASE64URL)) {
                    return false;
                }
            }
        }
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        boolean masked = true;
        for (int j = a; j < e; j++) {
            char d = s[j];
            digit |= Chars.digit(d);
            upper |= d >= 'A' && d <= 'Z';
            lower |= d >= 'a' && d <= 'z';
            masked &= d == '*' || d == 'x' || d == 'X' || d == '\u2022' || d == '#' || d == '.';
        }
        if (masked) {
            return false;
        }
        if (kind == TOKEN) {
            return digit || upper && lower;
        }
        if (kind == PASS) {
            boolean symbol = false;
            boolean numeric = true;
            for (int j = a; j < e; j++) {
                char d = s[j];
                symbol |= !Chars.alnum(d);
                numeric &= Chars.digit(d) || d == '.' || d == ',' || d == '/' || d == '%' || d == ':';
            }
            return !numeric && (digit || symbol || upper && lower) && !among(s, a, e, PLACEHOLDERS);
        }
        if (kind == PAIR) {
            return t - a >= 16 && TokenDetector.decodesWithColon(s, a, t) && TokenDetector.decodesToText(s, a, t);
        }
        return !among(s, a, e, PLACEHOLDERS);
    }
}
