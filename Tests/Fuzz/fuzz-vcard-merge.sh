#!/usr/bin/env bash
# Builds the three-way vCard merge fuzzer with the toolchain's libFuzzer and runs it.
#   Tests/Fuzz/fuzz-vcard-merge.sh [SECONDS]   (default 600)
# Seeds are triples of small fixture cards; crashes are written to /tmp/cardbox-fuzz-merge/ as crash-*.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=/tmp/cardbox-fuzz-merge
mkdir -p "$out/corpus"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzVCardMerge \
  Sources/VCard/*.swift Tests/Fuzz/FuzzVCardMerge.swift -o "$out/fuzz-vcard-merge" 2>&1 | grep -v 'Cannot export local symbol' || true
mapfile -t cards < <(find fixtures/vcard/valid -name '*.vcf' -size -8k | sort)
for ((i = 0; i < ${#cards[@]}; i++)); do
  a=${cards[i]}; b=${cards[(i + 1) % ${#cards[@]}]}; c=${cards[(i + 2) % ${#cards[@]}]}
  { cat "$a"; printf '\xff'; cat "$b"; printf '\xff'; cat "$c"; } > "$out/corpus/triple-$i"
  { cat "$a"; printf '\xff'; cat "$a"; printf '\xff'; cat "$b"; } > "$out/corpus/theirs-only-$i"
done
cd "$out"
./fuzz-vcard-merge -max_total_time="${1:-600}" -max_len=16384 -print_final_stats=1 ${FUZZ_FLAGS:-} corpus/
