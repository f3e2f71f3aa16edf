// Two pools, one per schema and role, as task-service and user-service connect: each role owns
// only its schema (infra/postgres), and its search_path names it.
import pg from 'pg';
import { config } from './config.js';

// Rows carry timestamps and dates as Postgres writes them (the session runs in UTC), turned into
// the strings Jackson writes for an Instant and a LocalDate: no Date in between, which would cut
// Postgres' microseconds to milliseconds.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, isoInstant);
pg.types.setTypeParser(pg.types.builtins.DATE, (text) => text);
pg.types.setTypeParser(pg.types.builtins.INT8, Number); // count(*)

/** '2026-12-01 22:40:01.12+00' as '2026-12-01T22:40:01.120Z' (java.time's ISO_INSTANT). */
function isoInstant(text) {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))?\+00$/.exec(text);
  if (!match) throw new Error(`unexpected timestamptz ${text}`);
  const [, date, time, fraction] = match;
  if (!fraction) return `${date}T${time}Z`;
  return `${date}T${time}.${fraction.padEnd(Math.ceil(fraction.length / 3) * 3, '0')}Z`;
}

function pool(role) {
  return new pg.Pool({
    host: config.database.host,
    port: config.database.port,
    database: config.database.name,
    user: role,
    max: config.database.poolSize,
    // Connections stay open, as Hikari keeps its minimum idle (the whole pool) open.
    idleTimeoutMillis: 0,
    options: '-c TimeZone=UTC',
  });
}

export const tasksDb = pool('task_service');
export const usersDb = pool('user_service');

/**
 * Runs work(client) in one transaction on a connection of the pool, as Spring's @Transactional
 * does (readOnly: BEGIN READ ONLY, as the JDBC driver sends for a read-only transaction).
 */
export async function inTransaction(db, { readOnly = false } = {}, work) {
  const client = await db.connect();
  let broken;
  try {
    await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection whose rollback fails is closed rather than handed to the next request.
    await client.query('ROLLBACK').catch((rollbackError) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
