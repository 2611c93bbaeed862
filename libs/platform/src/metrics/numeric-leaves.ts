/**
 * The numeric leaves of a JSON value as dotted paths, e.g. { library: { model: { cost: 3 } } } → { 'library.model.cost': 3 }.
 * Bounded in depth and count, for metrics JSON stored by other code (model metrics, replay results).
 */
export function numericLeaves(value: unknown, maxDepth = 4, maxLeaves = 100): Record<string, number> {
  const leaves: Record<string, number> = {};
  let count = 0;
  const walk = (node: unknown, path: string, depth: number): void => {
    if (count >= maxLeaves) return;
    if (typeof node === 'number' && Number.isFinite(node) && path) {
      leaves[path] = node;
      count += 1;
    } else if (node && typeof node === 'object' && !Array.isArray(node) && depth < maxDepth) {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  walk(value, '', 0);
  return leaves;
}
