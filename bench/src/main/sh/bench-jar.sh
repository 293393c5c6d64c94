# Sourced by the bench/* scripts that run a benchmark from the bench module's jar: sets BENCH_JAR and
# builds it (only the modules the benchmarks need, so no node or npm) when it is missing or older than
# any source, pom or migration, so a run never measures yesterday's code.
BENCH_JAR="$ROOT/bench/target/bench-exec.jar"
bench_stale="missing"
if [ -f "$BENCH_JAR" ]; then
  bench_stale="$(find "$ROOT" -path "$ROOT/.data" -prune -o -path '*/target' -prune -o -path "$ROOT/.git" -prune \
    -o -path '*/node_modules' -prune -o \( -name '*.java' -o -name 'pom.xml' -o -name '*.sql' -o -name '*.yml' \
    -o -name '*.json' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -newer "$BENCH_JAR" -print -quit)"
fi
if [ -n "$bench_stale" ]; then
  echo "building bench/target/bench-exec.jar (first run or sources changed)..." >&2
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl bench -am) >&2
fi
