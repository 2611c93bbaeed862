/**
 * A uniform sample (reservoir sampling, Vitter's algorithm R) of labelled feature vectors over all the history seen,
 * so that training memory stays bounded on traces of any size. Deterministic: it uses its own seeded generator.
 */
export class ExampleReservoir {
  readonly rows: Float32Array;
  readonly labels: Uint8Array;
  private size = 0;
  private seen = 0;
  private state: number;

  constructor(
    readonly capacity: number,
    readonly width: number,
    seed = 0x9e3779b9,
  ) {
    this.rows = new Float32Array(capacity * width);
    this.labels = new Uint8Array(capacity);
    this.state = seed >>> 0;
  }

  get count(): number {
    return this.size;
  }

  get total(): number {
    return this.seen;
  }

  add(features: ArrayLike<number>, label: boolean): void {
    this.seen += 1;
    let slot: number;
    if (this.size < this.capacity) {
      slot = this.size;
      this.size += 1;
    } else {
      slot = Math.floor(this.random() * this.seen);
      if (slot >= this.capacity) return;
    }
    const offset = slot * this.width;
    for (let i = 0; i < this.width; i++) this.rows[offset + i] = features[i];
    this.labels[slot] = label ? 1 : 0;
  }

  /** Mulberry32. */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
