const DISALLOWED = /[^A-Za-z0-9._~:/@{}*-]/g;
const IDENTIFIER_LIKE = /^(\d+|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|.{33,})$/i;

/** The route of a request that matched no route: its raw URL must not travel, so all such requests share one id. */
export const UNMATCHED_ROUTE = '/*unmatched';

/** `GET /users/:id`: a method and a route template, made fit for Tailor's identifier rules (contracts IdentifierSchema). */
export function endpointIdOf(method: string | undefined, template: string | undefined): string {
  const path = (template || UNMATCHED_ROUTE).replace(DISALLOWED, '_').slice(0, 180);
  const verb = (method ?? '').toUpperCase().replace(/[^A-Z]/g, '').slice(0, 12);
  return verb ? `${verb} ${path}` : path;
}

/**
 * The template of a mount path that Express only knows as the matched text (req.baseUrl): a segment that equals a
 * route parameter becomes `:name`, and one that looks like an identifier (numbers, hex, uuids, long strings) `:param`.
 */
export function templateOfMountPath(baseUrl: string, params: Record<string, unknown> | undefined): string {
  if (!baseUrl) return '';
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(params ?? {})) if (typeof value === 'string') byValue.set(value, name);
  return baseUrl
    .split('/')
    .map((segment) => {
      if (!segment) return segment;
      const decoded = safeDecode(segment);
      const name = byValue.get(decoded);
      if (name) return `:${name}`;
      return IDENTIFIER_LIKE.test(decoded) ? ':param' : segment;
    })
    .join('/');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
