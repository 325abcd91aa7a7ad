# Sourced by test.sh, demo.sh and .ci/run: picks a JDK that can build the whole project (21+).
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
pick_jdk() {
  local cur="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if command -v "$cur" >/dev/null 2>&1 && [ "$(java_major "$cur")" -ge 21 ] 2>/dev/null; then return; fi
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$d/bin/java" ]; then export JAVA_HOME="$d"; export PATH="$d/bin:$PATH"; return; fi
  done
  echo "error: JDK 21+ is required (set JAVA_HOME); found $("$cur" -version 2>&1 | head -1)" >&2
  exit 1
}
pick_jdk
