// The success envelopes of common-lib: {"data", "meta": {"timestamp"}} (ApiResponse) and
// {"data": [...], "meta": {"total", "page", "pageSize", "totalPages"}} (PageResponse), with their
// response schemas, so that Fastify writes them with a compiled serializer and in the field order
// the services' records have.
const timestamp = { type: 'string' };

export function single(dataSchema) {
  return {
    type: 'object',
    properties: { data: dataSchema, meta: { type: 'object', properties: { timestamp } } },
  };
}

export function page(itemSchema) {
  const long = { type: 'integer' };
  return {
    type: 'object',
    properties: {
      data: { type: 'array', items: itemSchema },
      meta: { type: 'object', properties: { total: long, page: long, pageSize: long, totalPages: long } },
    },
  };
}

export function ofData(data) {
  return { data, meta: { timestamp: instantNow() } };
}

export function ofPage(items, { page, pageSize }, total) {
  return { data: items, meta: { total, page, pageSize, totalPages: Math.ceil(total / pageSize) } };
}

// Instant.now() as Jackson writes it: the JVM's clock has microseconds, Date only milliseconds, so
// the microseconds come from the high-resolution clock.
function instantNow() {
  const micros = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
  const iso = new Date(Number(micros / 1000n)).toISOString(); // 2026-12-01T22:40:01.123Z
  return `${iso.slice(0, -1)}${String(micros % 1000n).padStart(3, '0')}Z`;
}
