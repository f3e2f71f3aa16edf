#!/usr/bin/env bash
# Postgres container init (docker-compose.yml mounts it into /docker-entrypoint-initdb.d and this
# folder at /saas-postgres): the suite's roles and schemas on the database $POSTGRES_DB, and each
# service role's password from the environment (<SERVICE>_DB_PASSWORD). Runs once, on an empty volume.
set -euo pipefail
db=${POSTGRES_DB:-saas}
psql=(psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER")
"${psql[@]}" -d postgres -f /saas-postgres/roles.sql
if [ "$("${psql[@]}" -d postgres -tA -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
  "${psql[@]}" -d postgres -c "create database \"$db\""
fi
"${psql[@]}" -d "$db" -f /saas-postgres/schemas.sql
for pair in auth_service:AUTH_DB_PASSWORD user_service:USER_DB_PASSWORD task_service:TASK_DB_PASSWORD \
            billing_service:BILLING_DB_PASSWORD flags_service:FLAGS_DB_PASSWORD; do
  role=${pair%%:*} var=${pair##*:}
  [ -n "${!var:-}" ] || { echo "docker-init: $var is not set" >&2; exit 1; }
  "${psql[@]}" -d postgres -v role="$role" -v password="${!var}" <<'SQL'
alter role :"role" password :'password';
SQL
done
echo "docker-init: roles, schemas and role passwords applied to database $db"
