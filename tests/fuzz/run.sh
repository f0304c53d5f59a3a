#!/bin/sh
# tests/fuzz/run.sh BUILD MODE N HARNESS... — run libFuzzer harnesses built
# by `make fuzz-build`. MODE "time": each harness for N seconds (make fuzz);
# "runs": each for N executions after its seeds (make fuzz-smoke, in make
# check). Every kept crash reproducer (tests/fuzz/regress/HARNESS/) is run
# first. Seeds: the examples, golden, hostile and against records, and
# tests/fuzz/seeds/. New corpus entries go to BUILD/fuzz-corpus/, crashes to
# BUILD/fuzz-crashes/ (copy them into regress/ once fixed), logs to
# BUILD/fuzz-logs/. Prints one summary line per harness; exit 1 on a crash.
cd "$(dirname "$0")/../.." || exit 2
B=$1 MODE=$2 N=$3
shift 3
failed=0
for h in "$@"; do
    bin=$B/fuzz/fuzz_$h
    [ -x "$bin" ] || { echo "fuzz: $bin is not built"; failed=1; continue; }
    corpus=$B/fuzz-corpus/$h seeds=$B/fuzz-seeds/$h log=$B/fuzz-logs/$h.log
    mkdir -p "$corpus" "$seeds" "$B/fuzz-crashes" "$B/fuzz-logs"
    case $h in
    record)
        for f in examples/*.xml tests/bad/*.xml tests/against/*.xml; do
            cp "$f" "$seeds/$(basename "$f")"
        done
        for d in tests/cases/*/; do
            [ -f "$d/record.xml" ] && cp "$d/record.xml" "$seeds/$(basename "$d").xml"
        done
        opts="-dict=tests/fuzz/xml.dict -max_len=65536" ;;
    notes)
        cp tests/fuzz/seeds/notes/* "$seeds/"
        opts="-dict=tests/fuzz/notes.dict -max_len=16384" ;;
    whatif)
        cp tests/fuzz/seeds/whatif/* "$seeds/"
        # Every vocabulary name is a dictionary word ("name=").
        awk -F '\t' '!/^#/ && NF > 1 { printf "\"%s=\"\n", $1 }' knowledge/vocabulary.tsv \
            > "$B/fuzz-logs/whatif.dict"
        opts="-dict=$B/fuzz-logs/whatif.dict -max_len=512" ;;
    *) echo "fuzz: no such harness '$h'"; failed=1; continue ;;
    esac
    # Kept reproducers: each must now run clean.
    for r in tests/fuzz/regress/$h/*; do
        [ -f "$r" ] || continue
        if ! "$bin" "$r" > "$log.regress" 2>&1; then
            echo "fuzz $h: regression $(basename "$r") fails again"
            tail -20 "$log.regress"
            failed=1
        fi
    done
    if [ "$MODE" = time ]; then limit="-max_total_time=$N"; else limit="-runs=$N"; fi
    # shellcheck disable=SC2086
    "$bin" $opts $limit -timeout=30 -report_slow_units=2 -print_final_stats=1 \
        -artifact_prefix="$B/fuzz-crashes/$h-" "$corpus" "$seeds" > "$log" 2>&1
    st=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1)
    slow=$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -1)
    echo "fuzz $h: ${runs:-?} executions in ${secs:-?} s, $cov, $ft," \
         "corpus $(ls "$corpus" | wc -l) new files, slowest input ${slow:-?} s, exit $st (log: $log)"
    if [ $st -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|Test unit written|timeout' "$log" | head -10
        failed=1
    fi
done
exit $failed
