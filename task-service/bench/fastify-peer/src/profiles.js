// GET /api/v1/users/me, as user-service's MeController and ProfileService do it: the caller's
// profile, created from its token when the registration event has not arrived yet.
import { inTransaction, usersDb } from './database.js';
import { ofData, single } from './envelope.js';

const NAME_MAX = 100;

const profileView = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    plan: { type: 'string' },
    emailVerified: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
};

function view(row) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    plan: row.plan,
    emailVerified: row.email_verified,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function find(db, id) {
  const result = await db.query({ name: 'profiles.find', text: 'select * from profiles where id = $1', values: [id] });
  return result.rows[0];
}

/** ProfileService.defaultName: the local part of the email. */
function defaultName(email) {
  const local = email.slice(0, Math.max(0, email.indexOf('@'))).trim() || 'user';
  return local.slice(0, NAME_MAX);
}

async function ensureProfile(db, user) {
  const existing = await find(db, user.id);
  if (existing) return existing;
  await db.query({
    name: 'profiles.insert_if_absent',
    text: `with pending as (delete from pending_plans where user_id = $1 returning plan),
                verified as (delete from pending_verifications where user_id = $1 returning user_id)
           insert into profiles (id, email, name, role, plan, email_verified, provisional, created_at, updated_at)
           values ($1, $2, $3, $4, coalesce((select plan from pending), 'free'),
                   exists (select 1 from verified), true, now(), now())
           on conflict (id) do nothing`,
    values: [user.id, user.email, defaultName(user.email), user.role === 'ADMIN' ? 'ADMIN' : 'USER'],
  });
  return find(db, user.id);
}

async function me(request) {
  const profile = await inTransaction(usersDb, {}, (db) => ensureProfile(db, request.user));
  return ofData(view(profile));
}

export function profileRoutes(app) {
  app.get('/api/v1/users/me', { schema: { response: { 200: single(profileView) } } }, me);
}
