-- Per database: one schema per service, owned by that service's role, so Flyway (running as the
-- role) can migrate it and no other role can even look inside. Idempotent.
revoke all on schema public from public;

do $$
declare
    pair text[];
begin
    execute format('revoke all on database %I from public', current_database());
    foreach pair slice 1 in array array[
        ['auth', 'auth_service'],
        ['users', 'user_service'],
        ['tasks', 'task_service'],
        ['billing', 'billing_service'],
        ['flags', 'flags_service']]
    loop
        execute format('create schema if not exists %I authorization %I', pair[1], pair[2]);
        execute format('revoke all on schema %I from public', pair[1]);
        execute format('grant connect, temporary on database %I to %I', current_database(), pair[2]);
    end loop;
end
$$;
