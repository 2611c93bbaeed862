/**
 * The last 64 minutes of one function as a bit mask relative to its last invoked minute: bit j is set when the
 * function was invoked `j` minutes before that minute. Two 32-bit words keep it compact and fast.
 */
export class MinuteMask {
  private low = 0;
  private high = 0;

  /** Records an invocation `gap` minutes after the previous one (gap ≥ 1), or the first one (gap = Infinity). */
  push(gap: number): void {
    if (gap >= 64) {
      this.low = 1;
      this.high = 0;
      return;
    }
    if (gap >= 32) {
      this.high = (this.low << (gap - 32)) >>> 0;
      this.low = 1;
      return;
    }
    this.high = ((this.high << gap) | (gap === 0 ? 0 : this.low >>> (32 - gap))) >>> 0;
    this.low = ((this.low << gap) | 1) >>> 0;
  }

  /** Invoked minutes among the `window` minutes before minute `lastInvoked + sinceLast`. */
  countInWindow(sinceLast: number, window: number): number {
    const upTo = window - sinceLast; // bits 0..upTo are inside the window
    if (upTo < 0) return 0;
    if (upTo >= 63) return popcount(this.low) + popcount(this.high);
    if (upTo >= 31) return popcount(this.low) + popcount(this.high & lowBits(upTo - 31));
    return popcount(this.low & lowBits(upTo + 1));
  }

  /** Whether the function was invoked `back` minutes (0 ≤ back < 64) before its last invoked minute. */
  has(back: number): boolean {
    if (back < 0 || back >= 64) return false;
    return back < 32 ? ((this.low >>> back) & 1) === 1 : ((this.high >>> (back - 32)) & 1) === 1;
  }
}

function lowBits(n: number): number {
  return n >= 32 ? 0xffffffff : ((1 << n) >>> 0) - 1;
}

function popcount(v: number): number {
  let x = v - ((v >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
