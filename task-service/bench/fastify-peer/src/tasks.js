// GET and POST /api/v1/tasks, as task-service's TaskController, TaskService, TaskRepository and
// PlanQuota do them: the same statements in the same transactions, the caller's own tasks only.
import { randomUUID } from 'node:crypto';
import { config } from './config.js';
import { inTransaction, tasksDb } from './database.js';
import { ofData, ofPage, page, single } from './envelope.js';
import { ApiError } from './errors.js';

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5000;
const FREE = 'free';

const taskView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    title: { type: 'string' },
    description: { type: ['string', 'null'] },
    completed: { type: 'boolean' },
    dueDate: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
};

const newTask = {
  type: 'object',
  required: ['title'],
  additionalProperties: false, // a client never sets id, userId or a timestamp
  properties: {
    title: { type: 'string' },
    description: { type: ['string', 'null'], maxLength: DESCRIPTION_MAX },
    completed: { type: ['boolean', 'null'] },
    dueDate: { type: ['string', 'null'], format: 'date' },
  },
};

// TaskSort's columns; id breaks ties so that consecutive pages never overlap.
const SORT_COLUMNS = { createdAt: 'created_at', updatedAt: 'updated_at', dueDate: 'due_date', title: 'title' };

function view(row) {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    description: row.description,
    completed: row.completed,
    dueDate: row.due_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** page (from 1) and pageSize (1..100, default 20), as common-lib's PageQuery. */
function pageQuery(query) {
  const number = (name, fallback, max) => {
    if (query[name] === undefined) return fallback;
    const value = Number(query[name]);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new ApiError('VALIDATION_ERROR', `${name} must be between 1 and ${max}`);
    }
    return value;
  };
  return { page: number('page', 1, Number.MAX_SAFE_INTEGER), pageSize: number('pageSize', 20, 100) };
}

function sortOf(sort = 'createdAt,desc') {
  const [field, direction, ...rest] = sort.split(',');
  const column = SORT_COLUMNS[field?.trim()];
  const order = direction?.trim().toLowerCase();
  if (!column || rest.length || !(order === 'asc' || order === 'desc')) {
    throw new ApiError(
      'VALIDATION_ERROR',
      'sort must be <field>,<asc|desc> with field one of createdAt, updatedAt, dueDate, title',
    );
  }
  return { column, order };
}

async function list(request) {
  const user = request.user;
  const pageOf = pageQuery(request.query);
  const { column, order } = sortOf(request.query.sort);
  return inTransaction(tasksDb, { readOnly: true }, async (db) => {
    const count = await db.query({
      name: 'tasks.count',
      text: 'select count(*) from tasks where true and user_id = $1',
      values: [user.id],
    });
    const rows = await db.query({
      name: `tasks.list.${column}.${order}`,
      text: `select * from tasks where true and user_id = $1 order by ${column} ${order}, id ${order} limit $2 offset $3`,
      values: [user.id, pageOf.pageSize, (pageOf.page - 1) * pageOf.pageSize],
    });
    return ofPage(rows.rows.map(view), pageOf, count.rows[0].count);
  });
}

/** PlanQuota.ensureRoomForOneMore: the user's plan row, locked, serialises its creates. */
async function ensureRoomForOneMore(db, userId) {
  await db.query({
    name: 'user_plans.ensure',
    text: 'insert into user_plans (user_id, plan, updated_at) values ($1, $2, now()) on conflict do nothing',
    values: [userId, FREE],
  });
  const plan = await db.query({
    name: 'user_plans.lock',
    text: 'select plan from user_plans where user_id = $1 for update',
    values: [userId],
  });
  if (plan.rows[0].plan !== FREE) return;
  const held = await db.query({
    name: 'tasks.count_owned',
    text: 'select count(*) from tasks where user_id = $1',
    values: [userId],
  });
  if (held.rows[0].count >= config.freeTaskLimit) {
    throw new ApiError(
      'PLAN_LIMIT_REACHED',
      `The free plan holds at most ${config.freeTaskLimit} tasks; upgrade to create more`,
    );
  }
}

async function create(request, reply) {
  const user = request.user;
  const body = request.body;
  const title = body.title.trim();
  if (title.length === 0 || title.length > TITLE_MAX) {
    throw new ApiError('VALIDATION_ERROR', `title must be 1 to ${TITLE_MAX} characters, not blank`);
  }
  const task = await inTransaction(tasksDb, {}, async (db) => {
    await ensureRoomForOneMore(db, user.id);
    const inserted = await db.query({
      name: 'tasks.insert',
      text: `insert into tasks (id, user_id, title, description, completed, due_date, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, now(), now())
             returning *`,
      values: [randomUUID(), user.id, title, body.description ?? null, body.completed === true, body.dueDate ?? null],
    });
    return view(inserted.rows[0]);
  });
  request.log.info(`task.created taskId=${task.id} userId=${user.id}`);
  return reply.code(201).header('location', `/api/v1/tasks/${task.id}`).send(ofData(task));
}

export function taskRoutes(app) {
  app.get('/api/v1/tasks', { schema: { response: { 200: page(taskView) } } }, list);
  app.post('/api/v1/tasks', { schema: { body: newTask, response: { 201: single(taskView) } } }, create);
}
