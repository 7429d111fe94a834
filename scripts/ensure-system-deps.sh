#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the tests and the demo need, when they are missing.
# As root it runs apt-get itself; otherwise it stops and prints the exact command to run.
set -euo pipefail

# command-or-file to check (a glob is fine)  ->  package that provides it
declare -A NEED=(
  [/usr/bin/chromium]=chromium
  [/usr/bin/softhsm2-util]=softhsm2
  [/usr/bin/pkcs11-tool]=opensc
  [/usr/bin/pdfsig]=poppler-utils
  [/usr/bin/qpdf]=qpdf
  # Intake tests: PDFs produced by Ghostscript.
  [/usr/bin/gs]=ghostscript
  [/usr/bin/certutil]=libnss3-tools
  [/usr/bin/openssl]=openssl
  [/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf]=fonts-noto-core
  [/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf]=fonts-liberation2
  # Debian 12 puts traineddata under 5/tessdata, older releases under 4.00/tessdata.
  ['/usr/share/tesseract-ocr/*/tessdata/vie.traineddata']=tesseract-ocr-vie
)

missing=()
for path in "${!NEED[@]}"; do
  compgen -G "$path" >/dev/null || missing+=("${NEED[$path]}")
done
# PostgreSQL server binaries (any major version) for the server tests on a real PostgreSQL.
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then missing+=(postgresql); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "[system-deps] all system packages present"
  exit 0
fi

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "[system-deps] missing packages: ${missing[*]}" >&2
  echo "[system-deps] run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
echo "[system-deps] installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "[system-deps] done"
