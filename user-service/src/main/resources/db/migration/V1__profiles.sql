-- One profile per user; id is the user id auth-service assigned. Lengths are enforced where the
-- values enter (auth-service's registration, PATCH /users/me), so the columns do not repeat them.
create table profiles (
    id          uuid         primary key,
    email       text         not null,
    name        text         not null,
    role        varchar(16)  not null check (role in ('USER', 'ADMIN')),
    -- free unless billing-service reports an active or trialing subscription
    plan        varchar(32)  not null default 'free',
    -- true while the profile holds only what the caller's token told us (GET /users/me came
    -- before UserRegistered); the event then fills in the registered name
    provisional boolean      not null default false,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

-- GET /users (admin list), newest first; id breaks ties so that pages never overlap.
create index profiles_created_idx on profiles (created_at, id);

-- The last-admin rule locks and counts the admins.
create index profiles_admins_idx on profiles (id) where role = 'ADMIN';
