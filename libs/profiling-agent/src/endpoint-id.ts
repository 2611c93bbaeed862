const DISALLOWED = /[^A-Za-z0-9._~:/@{}*-]/g;

/** The route of a request that matched no route: its raw URL must not travel, so all such requests share one id. */
export const UNMATCHED_ROUTE = '/*unmatched';

/** ids already made, by template and method: a route's id is asked for on every request */
const known = new Map<string | undefined, Map<string | undefined, string>>();
/** bounds the memo (an app has few routes; beyond, ids are made each time) */
const MAX_KNOWN = 1000;
let knownCount = 0;

/** `GET /users/:id`: a method and a route template, made fit for Tailor's identifier rules (contracts IdentifierSchema). */
export function endpointIdOf(method: string | undefined, template: string | undefined): string {
  const byMethod = known.get(template);
  const id = byMethod?.get(method);
  if (id !== undefined) return id;
  const made = makeEndpointId(method, template);
  if (knownCount < MAX_KNOWN) {
    knownCount++;
    if (byMethod) byMethod.set(method, made);
    else known.set(template, new Map([[method, made]]));
  }
  return made;
}

function makeEndpointId(method: string | undefined, template: string | undefined): string {
  const path = (template || UNMATCHED_ROUTE).replace(DISALLOWED, '_').slice(0, 180);
  const verb = (method ?? '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 12);
  return verb ? `${verb} ${path}` : path;
}
