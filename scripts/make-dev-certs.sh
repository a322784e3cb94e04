#!/usr/bin/env bash
# Makes a development CA, a server certificate for the gateway and client certificates for devices (docs/tls.md).
# For development and tests only: production certificates come from the operator's own CA.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/make-dev-certs.sh [-d DIR] [-H HOST]... [--new-ca] [--days N] [DEVICE_ID ...]

Writes into DIR (default ./certs):
  ca.pem, ca.key              the development CA; kept if it exists, unless --new-ca
  server.pem, server.key      the gateway's certificate, SANs localhost, 127.0.0.1, ::1 and each -H HOST;
                              made when missing, when the CA is new or when -H is given
  devices/ID.pem, ID.key      one client certificate per DEVICE_ID (CN = device id), re-issued on every run

Options:
  -d, --dir DIR     output directory (default ./certs)
  -H, --host HOST   an extra host name or IP address for the server certificate (repeatable)
  --new-ca          replace an existing CA (every certificate it signed stops being trusted)
  --days N          validity of server and device certificates in days (default 825)
  -h, --help        this text

Then start the gateway with
  TLS_CERT_FILE=DIR/server.pem TLS_KEY_FILE=DIR/server.key TLS_CA_FILE=DIR/ca.pem MQTT_DEVICE_AUTH=either
EOF
}

dir=./certs
hosts=()
new_ca=0
days=825
devices=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d | --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
    -H | --host) hosts+=("${2:?--host needs a name}"); shift 2 ;;
    --new-ca) new_ca=1; shift ;;
    --days) days="${2:?--days needs a number}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) devices+=("$1"); shift ;;
  esac
done
[[ "$days" =~ ^[0-9]+$ ]] || { echo "--days must be a whole number" >&2; exit 2; }
for id in ${devices[@]+"${devices[@]}"}; do
  # The device id pattern of schemas/topics.ts: the CN must be usable as client id, username and topic level.
  [[ "$id" =~ ^[A-Za-z0-9_-]{1,64}$ ]] || { echo "not a device id (A-Z a-z 0-9 _ -, 1-64): $id" >&2; exit 2; }
done
command -v openssl >/dev/null || { echo "openssl is not installed" >&2; exit 1; }

umask 077
mkdir -p "$dir/devices"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# Signs a CSR with the CA; $3 holds the X.509 v3 extensions.
sign() {
  local csr="$1" out="$2" ext="$3"
  openssl x509 -req -in "$csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
    -days "$days" -sha256 -extfile "$ext" -out "$out" 2>/dev/null
}

made_ca=0
if [[ $new_ca -eq 1 || ! -f "$dir/ca.pem" || ! -f "$dir/ca.key" ]]; then
  new_key "$dir/ca.key"
  openssl req -x509 -new -key "$dir/ca.key" -sha256 -days 3650 -subj "/O=Eldercare gateway (development)/CN=Eldercare dev CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/ca.pem"
  made_ca=1
  echo "CA:     $dir/ca.pem (new)"
else
  echo "CA:     $dir/ca.pem (kept; --new-ca replaces it)"
fi

if [[ $made_ca -eq 1 || ${#hosts[@]} -gt 0 || ! -f "$dir/server.pem" || ! -f "$dir/server.key" ]]; then
  san="DNS:localhost,IP:127.0.0.1,IP:::1"
  for h in ${hosts[@]+"${hosts[@]}"}; do
    if [[ "$h" =~ ^[0-9.]+$ || "$h" == *:* ]]; then san+=",IP:$h"; else san+=",DNS:$h"; fi
  done
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san" >"$work/server.ext"
  new_key "$dir/server.key"
  openssl req -new -key "$dir/server.key" -subj "/O=Eldercare gateway (development)/CN=${hosts[0]:-localhost}" -out "$work/server.csr"
  sign "$work/server.csr" "$dir/server.pem" "$work/server.ext"
  echo "server: $dir/server.pem ($san)"
else
  echo "server: $dir/server.pem (kept; -H or --new-ca re-issues it)"
fi

printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' >"$work/device.ext"
for id in ${devices[@]+"${devices[@]}"}; do
  new_key "$dir/devices/$id.key"
  openssl req -new -key "$dir/devices/$id.key" -subj "/O=Eldercare device/CN=$id" -out "$work/$id.csr"
  sign "$work/$id.csr" "$dir/devices/$id.pem" "$work/device.ext"
  echo "device: $dir/devices/$id.pem (CN=$id)"
done
# Keys stay readable by their owner only; certificates are public.
chmod 644 "$dir"/*.pem "$dir"/devices/*.pem 2>/dev/null || true
