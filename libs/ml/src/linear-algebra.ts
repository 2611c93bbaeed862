/** Per-feature mean and standard deviation (1 where a feature is constant) of `count` rows of `f` features. */
export function standardisation(rows: Float32Array, count: number, f: number): { means: number[]; scales: number[] } {
  const means = new Array<number>(f).fill(0);
  const squares = new Array<number>(f).fill(0);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < f; i++) {
      const v = rows[r * f + i];
      means[i] += v;
      squares[i] += v * v;
    }
  }
  const scales = new Array<number>(f);
  for (let i = 0; i < f; i++) {
    means[i] = count === 0 ? 0 : means[i] / count;
    const variance = count === 0 ? 0 : squares[i] / count - means[i] * means[i];
    scales[i] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  return { means, scales };
}

/** Solves H·s = g for a symmetric positive-definite H given by its lower triangle (Cholesky). */
export function solveSymmetric(lower: Float64Array, g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = g[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * y[k];
    y[i] = sum / l[i * n + i];
  }
  const s = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * s[k];
    s[i] = sum / l[i * n + i];
  }
  return s;
}
