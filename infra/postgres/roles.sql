-- Cluster-wide: one login role per service. Idempotent; safe to run concurrently.
-- Passwords are not set here: operators set them (ALTER ROLE ... PASSWORD) from their secret
-- store; the local stack relies on Postgres' trust authentication on 127.0.0.1.
do $$
declare
    role_name text;
    schema_name text;
begin
    foreach role_name in array array['auth_service', 'user_service', 'task_service', 'billing_service', 'flags_service']
    loop
        begin
            execute format('create role %I login nosuperuser nocreatedb nocreaterole noinherit', role_name);
        exception when duplicate_object or unique_violation then
            null; -- already there
        end;
        -- Unqualified names resolve to the service's own schema.
        schema_name := case role_name
            when 'auth_service' then 'auth'
            when 'user_service' then 'users'
            when 'task_service' then 'tasks'
            when 'billing_service' then 'billing'
            when 'flags_service' then 'flags'
        end;
        execute format('alter role %I set search_path = %I', role_name, schema_name);
    end loop;
end
$$;
