#!/usr/bin/env bash
# Remakes doc/awsp.png, the README's picture: awsp's demo in a real
# terminal (tmux), captured with its colours, turned into HTML by aha and
# into a PNG by headless Chromium. Run it again when the output changes.
#
#   apt-get install tmux aha chromium-headless-shell fonts-dejavu-core
#   doc/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in go tmux aha chromium-headless-shell; do
  command -v "$tool" >/dev/null || {
    echo "screenshot.sh: $tool is needed (see the comment at the top)" >&2
    exit 2
  }
done

work=$(mktemp -d)
sock=$work/tmux.sock
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/bin/awsp" ./cmd/awsp
CGO_ENABLED=0 go build -o "$work/bin/awsp-prompt" ./cmd/awsp-prompt

width=104 height=24
tmux -S "$sock" -f /dev/null new-session -d -x "$width" -y "$height" \
  env -i PATH="$work/bin:/usr/bin:/bin" TERM=xterm-256color LANG=C.UTF-8 "$work/bin/awsp" --demo bash

# wait_for polls the screen until it shows $1.
wait_for() {
  for _ in $(seq 100); do
    if tmux -S "$sock" capture-pane -p | grep -qF -- "$1"; then
      return
    fi
    sleep 0.1
  done
  echo "screenshot.sh: the screen never showed $1" >&2
  exit 1
}
# run types a command line.
run() {
  tmux -S "$sock" send-keys -l -- "$1"
  tmux -S "$sock" send-keys Enter
}
# shot writes the screen, colours and all, as an HTML fragment, without
# the empty lines below the last one written; it counts the lines.
lines=0
shot() {
  tmux -S "$sock" capture-pane -e -p | awk 'NF { for (; blank > 0; blank--) print ""; print; next } { blank++ }' >"$work/$1.txt"
  lines=$((lines + $(wc -l <"$work/$1.txt")))
  aha --no-header --black <"$work/$1.txt" >"$work/$1.html"
}

wait_for "no AWS account needed"
run clear
run "awsp dev"
wait_for "dev ← identity ← sso"
run "awsp -l"
wait_for "typo"
run "awsp --lint 2>&1 | grep -A3 source-profile-missing"
wait_for "did you mean"
shot main
run "awsp"
wait_for "type to filter"
tmux -S "$sock" send-keys -l "de"
sleep 0.5
shot picker
tmux -S "$sock" send-keys Escape

cat >"$work/page.html" <<HTML
<!doctype html><meta charset="utf-8">
<style>
  body { margin: 0; background: #0d1117; }
  .term { font: 14px/1.3 "DejaVu Sans Mono", monospace; color: #e6edf3; background: #000;
          margin: 16px; padding: 12px 16px; border-radius: 8px; white-space: pre; width: ${width}ch; }
</style>
<div class="term">$(cat "$work/main.html")</div>
<div class="term">$(cat "$work/picker.html")</div>
HTML
# 14 px text, 1.3 lines: 18.2 px a line; 104 columns of DejaVu Sans Mono.
chromium-headless-shell --no-sandbox --hide-scrollbars --window-size=$((width * 85 / 10 + 64)),$((lines * 182 / 10 + 100)) \
  --screenshot="$work/awsp.png" "file://$work/page.html" >/dev/null 2>&1
mv "$work/awsp.png" doc/awsp.png
echo "screenshot.sh: wrote doc/awsp.png"
