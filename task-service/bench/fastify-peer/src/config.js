// Settings, from the environment, with the local stack's defaults (infra/dev/up).
const env = process.env;

export const config = {
  port: Number(env.PORT ?? 8093),
  database: {
    host: env.PGHOST ?? '127.0.0.1',
    port: Number(env.PGPORT ?? 5432),
    name: env.DB_NAME ?? 'saas',
    // Hikari's default maximumPoolSize, which the services keep.
    poolSize: Number(env.DB_POOL_SIZE ?? 10),
  },
  token: {
    jwksUri: env.JWKS_URI ?? 'http://127.0.0.1:8081/.well-known/jwks.json',
    issuer: env.JWT_ISSUER ?? 'http://auth-service',
    audience: env.JWT_AUDIENCE ?? 'acme-saas',
    clockSkewSeconds: 30,
    cacheSize: Number(env.TOKEN_CACHE_SIZE ?? 10000),
  },
  freeTaskLimit: Number(env.FREE_TASK_LIMIT ?? 100),
};
