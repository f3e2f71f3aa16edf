-- A user's tasks. Every list query filters by user_id and orders by one sort column, with id as
-- the tie-breaker so that pages never overlap; each index below serves one sort order (read
-- forwards for asc, backwards for desc).
create table tasks (
    id          uuid          primary key,
    user_id     uuid          not null,
    title       varchar(200)  not null,
    description varchar(5000),
    completed   boolean       not null default false,
    due_date    date,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);

-- GET /tasks?sort=createdAt,* (the default order), the quota count of one user's tasks, the
-- erasure of one user's tasks, and GET /admin/tasks?userId=...
create index tasks_user_created_idx on tasks (user_id, created_at, id);

-- GET /tasks?sort=updatedAt,*
create index tasks_user_updated_idx on tasks (user_id, updated_at, id);

-- GET /tasks?sort=dueDate,* (tasks without a due date sort last ascending, first descending)
create index tasks_user_due_date_idx on tasks (user_id, due_date, id);

-- GET /tasks?sort=title,*
create index tasks_user_title_idx on tasks (user_id, title, id);

-- GET /admin/tasks without a userId filter, in the default order.
create index tasks_created_idx on tasks (created_at, id);

-- The plan each user is on, from SubscriptionChanged. A user without a row is on the free plan.
-- Creating a task locks the creator's row, which serialises that user's creates and so makes the
-- quota check race-free.
create table user_plans (
    user_id    uuid         primary key,
    plan       varchar(32)  not null,
    updated_at timestamptz  not null
);
