#!/bin/sh
# Announces a ringing call to the gateway's telephony hook (docs/telephony.md), for a PBX's dialplan: Asterisk
# System() or AGI(), FreeSWITCH bgsystem. POSIX sh and curl only.
#
# It never writes to standard output (under AGI, standard output is the channel's command stream) and gives up
# after a few seconds, so a gateway that is down never holds a call. Exit status: 0 when the gateway took the
# announcement (202), 1 otherwise, with one line on standard error saying why.

usage() {
  cat >&2 <<'EOF'
Usage: telephony-announce.sh CALLER_NUMBER [LINE] [EXTERNAL_ID]

  CALLER_NUMBER  the caller's number as the PBX has it (+86 138..., 0571..., 138...)
  LINE           12349 (default), supervision, direct or walk_in
  EXTERNAL_ID    the PBX's id of the call (Asterisk ${UNIQUEID}, FreeSWITCH ${uuid}), optional

Environment:
  GATEWAY_URL                    the gateway, e.g. https://gateway.example.cn:8080 (required)
  GATEWAY_TELEPHONY_TOKEN_FILE   a file holding the integration token (preferred), or
  GATEWAY_TELEPHONY_TOKEN        the token itself
  GATEWAY_CA_FILE                the CA that signed the gateway's certificate, when it is not a public one
  GATEWAY_TIMEOUT_SECONDS        give up after this long (default 3)
EOF
}

fail() {
  echo "telephony-announce: $*" >&2
  exit 1
}

[ $# -ge 1 ] && [ $# -le 3 ] || { usage; exit 1; }

# What the PBX hands over is whatever the caller's network sent: keep only what a phone number is made of, and
# only what an id is made of, so nothing of it can reach the JSON (or a shell) as anything but data.
number=$(printf '%s' "$1" | tr -cd '0-9+() .-' | cut -c1-40)
line=${2:-12349}
external_id=$(printf '%s' "${3:-}" | tr -cd 'A-Za-z0-9._:-' | cut -c1-120)

case "$line" in
  12349 | supervision | direct | walk_in) ;;
  *) fail "unknown line '$line' (12349, supervision, direct or walk_in)" ;;
esac
[ -n "$number" ] || fail 'no caller number (withheld?): nothing to announce'
[ -n "${GATEWAY_URL:-}" ] || fail 'GATEWAY_URL is not set'

if [ -n "${GATEWAY_TELEPHONY_TOKEN_FILE:-}" ]; then
  [ -r "$GATEWAY_TELEPHONY_TOKEN_FILE" ] || fail "cannot read $GATEWAY_TELEPHONY_TOKEN_FILE"
  token=$(tr -d ' \r\n' < "$GATEWAY_TELEPHONY_TOKEN_FILE")
else
  token=${GATEWAY_TELEPHONY_TOKEN:-}
fi
[ -n "$token" ] || fail 'no integration token (GATEWAY_TELEPHONY_TOKEN_FILE or GATEWAY_TELEPHONY_TOKEN)'

if [ -n "$external_id" ]; then
  body=$(printf '{"callerNumber":"%s","line":"%s","externalId":"%s"}' "$number" "$line" "$external_id")
else
  body=$(printf '{"callerNumber":"%s","line":"%s"}' "$number" "$line")
fi

set -- --silent --show-error --output /dev/null --write-out '%{http_code}' \
  --max-time "${GATEWAY_TIMEOUT_SECONDS:-3}" \
  --header 'content-type: application/json' --data-binary "$body"
[ -n "${GATEWAY_CA_FILE:-}" ] && set -- "$@" --cacert "$GATEWAY_CA_FILE"

# The token goes to curl on its standard input (a config line), not on its command line, where `ps` would show it.
status=$(printf 'header = "Authorization: Bearer %s"\n' "$token" | curl --config - "$@" "${GATEWAY_URL%/}/api/v1/telephony/incoming" 2>&1) \
  || fail "gateway not reached: $status"

case "$status" in
  202) exit 0 ;;
  400) fail "the gateway refused the number '$number' (400 PHONE_INVALID)" ;;
  401) fail 'the gateway refused the token (401): revoked, or not an integration token' ;;
  429) fail 'too many announcements this minute for this token (429)' ;;
  *) fail "the gateway answered $status" ;;
esac
