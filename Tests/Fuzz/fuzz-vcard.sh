#!/usr/bin/env bash
# Builds the vCard fuzzer with the toolchain's libFuzzer and runs it.
#   Tests/Fuzz/fuzz-vcard.sh [SECONDS]   (default 600)
# Crashes are written to /tmp/cardbox-fuzz/ as crash-*; turn each into a fixture.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=/tmp/cardbox-fuzz
mkdir -p "$out/corpus"
# VCard imports ByteText: build that module first (ASan, no fuzzer main), then VCard with the entry point.
swiftc -O -sanitize=address -parse-as-library -module-name ByteText -emit-module -emit-module-path "$out/ByteText.swiftmodule" \
  -emit-library -static Sources/ByteText/*.swift -o "$out/libByteText.a"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzVCard -I "$out" \
  Sources/VCard/*.swift Tests/Fuzz/FuzzVCard.swift "$out/libByteText.a" -o "$out/fuzz-vcard" 2>&1 | grep -v 'Cannot export local symbol' || true
find fixtures -name '*.vcf' -size -64k -exec cp {} "$out/corpus/" \; 2>/dev/null || true
cd "$out"
./fuzz-vcard -max_total_time="${1:-600}" -max_len=65536 -print_final_stats=1 ${FUZZ_FLAGS:-} corpus/
