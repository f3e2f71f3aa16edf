#!/usr/bin/env bash
# Creates the service roles, the database (default "saas") and its schemas. Idempotent.
# Usage: infra/postgres/apply.sh [database]   (PGHOST/PGPORT/PGUSER as for psql; default a local superuser)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=${1:-${SAAS_DB_NAME:-saas}}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
psql -v ON_ERROR_STOP=1 -q -d postgres -f "$here/roles.sql"
if [ "$(psql -tAq -d postgres -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
  psql -v ON_ERROR_STOP=1 -q -d postgres -c "create database \"$db\""
fi
psql -v ON_ERROR_STOP=1 -q -d "$db" -f "$here/schemas.sql"
echo "infra/postgres: roles and schemas applied to database $db on $PGHOST:$PGPORT"
