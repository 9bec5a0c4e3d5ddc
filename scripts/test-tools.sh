#!/usr/bin/env bash
# The programs the tests read PDF reports with (pdftotext, pdffonts, pdfdetach from
# poppler-utils), installed from the system packages when missing (Debian/Ubuntu, as
# root). Without them the PDF tests skip, saying why; under CI a failed install is an
# error, so a report nobody could read is never passed over in silence.
set -euo pipefail

say() { printf 'test-tools: %s\n' "$*" >&2; }

missing=0
for tool in pdftotext pdffonts pdfdetach; do
    command -v "$tool" >/dev/null 2>&1 || missing=1
done
[ "$missing" = 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing poppler-utils (to read the PDF reports in the tests)"
    if { apt-get install -y -qq poppler-utils >/dev/null 2>&1 ||
         { apt-get update -qq >/dev/null 2>&1 &&
           apt-get install -y -qq poppler-utils >/dev/null 2>&1; }; }; then
        exit 0
    fi
fi
if [ -n "${CI:-}" ]; then
    say "error: poppler-utils is missing and could not be installed"
    exit 1
fi
say "poppler-utils is missing: the PDF report tests will skip (apt-get install poppler-utils)"
