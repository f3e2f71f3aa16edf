// Access tokens, checked as common-lib's AccessTokenVerifier checks them: RS256 only, keys from
// auth-service's JWKS (never from the token), issuer, audience, expiry with 30 s skew, the claims
// the suite requires, header type JWT or none. A token verified once is remembered (bounded,
// never past its exp) so that using it again costs no RSA work; its time claims, and that its key
// is still published, are checked again on every use.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { config } from './config.js';
import { ApiError } from './errors.js';

const REQUIRED_CLAIMS = ['sub', 'role', 'email', 'iat', 'exp', 'jti'];
const EMBEDDED_KEY_HEADERS = ['jwk', 'jku', 'x5u', 'x5c'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Refetched on an unknown kid at most every 30 s, as the services' RemoteKeys.
const keys = createRemoteJWKSet(new URL(config.token.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 300_000 });

/** token -> { user, kid, exp, nbf }; a Map keeps insertion order, so the first key is the oldest. */
const remembered = new Map();

/** The caller of a request with "Authorization: Bearer <token>", as { id, role, email }. */
export async function callerOf(authorization) {
  if (!authorization) throw new ApiError('TOKEN_MISSING', 'Authentication is required');
  const [scheme, token] = authorization.split(' ');
  if (scheme.toLowerCase() !== 'bearer' || !token) throw new ApiError('TOKEN_INVALID', 'Token is invalid');
  const known = remembered.get(token);
  if (known && stillPublished(known.kid)) {
    checkTimes(known);
    return known.user;
  }
  const verified = await verifySignature(token);
  if (remembered.size >= config.token.cacheSize) remembered.delete(remembered.keys().next().value);
  remembered.set(token, verified);
  return verified.user;
}

async function verifySignature(token) {
  let result;
  try {
    result = await jwtVerify(token, keys, {
      algorithms: ['RS256'],
      issuer: config.token.issuer,
      audience: config.token.audience,
      clockTolerance: config.token.clockSkewSeconds,
      requiredClaims: REQUIRED_CLAIMS,
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new ApiError('TOKEN_EXPIRED', 'Token has expired');
    throw new ApiError('TOKEN_INVALID', 'Token is invalid');
  }
  const { payload, protectedHeader } = result;
  if (EMBEDDED_KEY_HEADERS.some((name) => name in protectedHeader)) {
    throw new ApiError('TOKEN_INVALID', 'Token names its own key');
  }
  if (protectedHeader.typ !== undefined && protectedHeader.typ.toUpperCase() !== 'JWT') {
    throw new ApiError('TOKEN_INVALID', 'Token is invalid');
  }
  if (!UUID.test(payload.sub) || typeof payload.role !== 'string' || typeof payload.email !== 'string') {
    throw new ApiError('TOKEN_INVALID', 'Token claims are invalid');
  }
  return {
    user: { id: payload.sub.toLowerCase(), role: payload.role, email: payload.email },
    kid: protectedHeader.kid,
    exp: payload.exp,
    nbf: payload.nbf,
  };
}

function stillPublished(kid) {
  return keys.jwks()?.keys.some((key) => key.kid === kid) ?? false;
}

function checkTimes({ exp, nbf }) {
  const now = Date.now() / 1000;
  if (now - config.token.clockSkewSeconds >= exp) throw new ApiError('TOKEN_EXPIRED', 'Token has expired');
  if (nbf !== undefined && now + config.token.clockSkewSeconds < nbf) throw new ApiError('TOKEN_INVALID', 'Token is invalid');
}
