#!/usr/bin/env bash
# Builds one of the network-facing fuzzers with the toolchain's libFuzzer and
# AddressSanitizer, and runs it:
#   Tests/Fuzz/fuzz.sh http|json|websocket|api [SECONDS]   (default 600)
# (The vCard reader has its own script, fuzz-vcard.sh.) Builds are -O, never
# -Ounchecked: Swift's overflow and bounds traps stay on, so an arithmetic
# overflow is a crash the fuzzer reports. Crashes are written to
# /tmp/cardbox-fuzz-NAME/ as crash-*; turn each into a fixture under
# fixtures/network/NAME/ (replayed by the normal tests) and fix it.
set -euo pipefail
cd "$(dirname "$0")/../.."
name="${1:?usage: fuzz.sh http|json|websocket|api [SECONDS]}"
out=/tmp/cardbox-fuzz-$name
mkdir -p "$out/corpus"
flags=(-O -sanitize=fuzzer,address -parse-as-library)
quiet() { grep -v 'Cannot export local symbol' || true; }
case "$name" in
  http)
    swiftc "${flags[@]}" -module-name FuzzHTTP Sources/HTTPServer/{ASCII,DecimalNumber,HTTPHeaders,HTTPParseError,HTTPRequest}.swift \
      Sources/HTTPServer/HTTPRequestParser*.swift Tests/Fuzz/FuzzHTTP.swift -o "$out/fuzz" 2>&1 | quiet ;;
  json)
    swiftc "${flags[@]}" -module-name FuzzJSON Sources/JSON/*.swift Tests/Fuzz/FuzzJSON.swift -o "$out/fuzz" 2>&1 | quiet ;;
  websocket)
    swiftc "${flags[@]}" -module-name FuzzWebSocket Sources/HTTPServer/ASCII.swift \
      Sources/HTTPServer/WebSocket/{UTF8StreamValidator,WebSocketCloseCode,WebSocketEvent,WebSocketOpcode}.swift \
      Sources/HTTPServer/WebSocket/{WebSocketProtocolError,WebSocketConnectionState,WebSocketFrameEncoder}.swift \
      Sources/HTTPServer/WebSocket/WebSocketFrameDecoder*.swift Tests/Fuzz/FuzzWebSocket.swift -o "$out/fuzz" 2>&1 | quiet ;;
  api)
    # The query-string and router layer lives in CardboxAPI, which needs its
    # dependencies as modules: SwiftPM builds them instrumented, swiftc links.
    build=$out/spm
    swift build -c release --build-path "$build" --target CardboxAPI \
      -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing 2>&1 | quiet | grep -E 'error|warning: ' || true
    bin=$(swift build -c release --build-path "$build" --show-bin-path)
    swiftc "${flags[@]}" -module-name FuzzAPI -I "$bin/Modules" -Xcc -fmodule-map-file="$bin/CSystem.build/module.modulemap" \
      -I Sources/CSystem/include Tests/Fuzz/FuzzAPI.swift \
      "$bin"/{CardboxAPI,ContactStore,HTTPServer,JSON,VCard,Platform,CSystem}.build/*.o -o "$out/fuzz" 2>&1 | quiet ;;
  *) echo "unknown fuzzer '$name' (http, json, websocket, api)" >&2; exit 2 ;;
esac
# Seeds: the fixtures written for this fuzzer, and the findings kept so far.
if [ -d "fixtures/network/$name" ]; then cp fixtures/network/"$name"/* "$out/corpus/" 2>/dev/null || true; fi
cd "$out"
./fuzz -max_total_time="${2:-600}" -max_len=8192 -print_final_stats=1 ${FUZZ_FLAGS:-} corpus/
