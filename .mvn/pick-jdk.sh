# Sourced by ./mvnw (and the repo's scripts): make sure Maven runs on a JDK >= 21.
# The default java on our machines is 17, and a Java 21 build run by JDK 17 fails, sometimes silently.
# An explicit JAVA_HOME that is new enough always wins.
_tw_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
_tw_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(_tw_java_major "$JAVA_HOME"); [ "${v:-0}" -ge 21 ] && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    v=$(_tw_java_major "$home"); if [ "${v:-0}" -ge 21 ]; then export JAVA_HOME="$home"; return 0; fi
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$home/bin/javac" ] || continue
    v=$(_tw_java_major "$home"); if [ "${v:-0}" -ge 21 ]; then export JAVA_HOME="$home"; return 0; fi
  done
  echo "tickwarden: no JDK >= 21 found; install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
  return 1
}
_tw_pick_jdk
