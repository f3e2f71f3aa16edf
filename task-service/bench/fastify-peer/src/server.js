// The Fastify peer of task-service and user-service (task-service/bench/run.sh): one Node.js
// process serving GET and POST /api/v1/tasks and GET /api/v1/users/me over the suite's own
// schemas, with the token check, request id and envelopes the services have. It is the reference
// a team would write instead of a Spring service, measured side by side with ours.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import { config } from './config.js';
import { sendError } from './errors.js';
import { profileRoutes } from './profiles.js';
import { taskRoutes } from './tasks.js';
import { callerOf } from './tokens.js';

// common-lib's RequestIds: a client's X-Request-Id is kept when it is short and plain.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

const app = Fastify({
  // One JSON log line per event the services log too (task.created); no access log, as theirs.
  logger: { level: 'info' },
  logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
  requestIdHeader: false,
  genReqId: (raw) => {
    const candidate = raw.headers['x-request-id'];
    return typeof candidate === 'string' && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
  },
  bodyLimit: 1024 * 1024,
  // Unknown fields are refused, and a body's values keep their JSON types, as with Jackson.
  ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
});

app.decorateRequest('user', null);
app.addHook('onRequest', async (request, reply) => {
  reply.header('x-request-id', request.id);
  request.user = await callerOf(request.headers.authorization);
});
app.setErrorHandler(sendError);
app.setNotFoundHandler((request, reply) =>
  reply.code(404).send({ error: { code: 'RESOURCE_NOT_FOUND', message: 'No such resource', requestId: request.id } }),
);

taskRoutes(app);
profileRoutes(app);

await app.listen({ host: '127.0.0.1', port: config.port });
