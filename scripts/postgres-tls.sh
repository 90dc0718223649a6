#!/usr/bin/env bash
# A second PostgreSQL cluster, `tls` on 127.0.0.1:5442, that serves TLS with a self-signed
# certificate (the certificate tests, README "Certificates"). The main cluster is left as it is.
# Idempotent: creates the cluster and its certificate once per machine, then only starts it.
# Run as root (as .ci/run does) on a machine with PostgreSQL's Debian packages.
set -euo pipefail

port=5442
version="$(ls /etc/postgresql | sort -V | tail -1)"
data="/var/lib/postgresql/$version/tls"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version tls"; then
  pg_createcluster --port "$port" "$version" tls >/dev/null
fi

if [ ! -s "$data/server.crt" ]; then
  # Self-signed, valid for `localhost` and 127.0.0.1, RSA (TLS 1.3 signs with RSA-PSS).
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost/O=fivetran.do tests" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$data/server.key" -out "$data/server.crt" 2>/dev/null
  chown postgres:postgres "$data/server.key" "$data/server.crt"
  chmod 600 "$data/server.key"
fi

conf="/etc/postgresql/$version/tls/conf.d/fivetran-tls.conf"
cat >"$conf" <<CONF
# fivetran.do tests (scripts/postgres-tls.sh): TLS with a self-signed certificate.
listen_addresses = '127.0.0.1'
ssl = on
ssl_cert_file = '$data/server.crt'
ssl_key_file = '$data/server.key'
CONF

# Trust local TCP connections as the main cluster's tests do, and require TLS for them
# (`hostssl`): a client that does not speak TLS is refused.
hba="/etc/postgresql/$version/tls/pg_hba.conf"
cat >"$hba" <<HBA
local all all trust
hostssl all all 127.0.0.1/32 trust
HBA

pg_ctlcluster --skip-systemctl-redirect "$version" tls restart
for attempt in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$port"
