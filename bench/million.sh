#!/usr/bin/env bash
# The million-passage run (issue 14), one step after another: build the store, build BM25 as
# `rag index` would, a new answering process on the embedded store, then the same on a Chroma
# server serving the same files. Usage: bash bench/million.sh BASE_INDEX_DIR OUT_DIR [N]
set -euo pipefail
base=$1; out=$2; n=${3:-1000000}
py=.venv/bin/python
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
mkdir -p "$out"
log "build $n"; $py -m bench.million build "$base" "$out/store" --n "$n" > "$out/build.json"
log "bm25"; $py -m bench.million bm25 "$out/store" > "$out/bm25.json"
log "query embedded"; $py -m bench.million query "$out/store" > "$out/query-embedded.json"
port=$($py -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
log "chroma server on $port"
.venv/bin/chroma run --path "$out/store/chroma" --host 127.0.0.1 --port "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/api/v2/heartbeat" >/dev/null && break; sleep 1; done
# The saved BM25 is keyed by where the store is: the server's copy is the same version's, so it is
# copied rather than built again (as `rag index` run against the server would have saved it).
$py - "$out/store" "http://127.0.0.1:$port" <<'PY'
import shutil, sys
from pathlib import Path
from bench.million import _settings
from rag import sparse
from rag.store import index_meta, open_store
data, url = Path(sys.argv[1]), sys.argv[2]
meta = index_meta(open_store(_settings(data), create=False))
src, dst = sparse.saved_path(_settings(data), meta), sparse.saved_path(_settings(data, url), meta)
if not dst.exists():
    shutil.copytree(src, dst)
PY
log "query server"; $py -m bench.million query "$out/store" --url "http://127.0.0.1:$port" > "$out/query-server.json"
grep -E "^(VmHWM|VmRSS)" /proc/$server/status > "$out/server-mem.txt" || true
kill $server; wait $server 2>/dev/null || true
du -sh "$out/store" > "$out/du.txt"
log done
