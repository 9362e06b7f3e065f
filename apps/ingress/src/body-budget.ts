/**
 * The bytes of request bodies the ingress holds at once, over every call in flight. Each call reserves what it
 * reads (or what its Content-Length announces) and gives it back when its answer has gone, so a burst of large
 * uploads is refused at the door instead of growing the process until the kernel kills it.
 */
export class BodyBudget {
  private held = 0;

  constructor(readonly capacity: number) {}

  /** Takes `bytes` if they fit; false (and nothing taken) when they do not. */
  reserve(bytes: number): boolean {
    if (this.held + bytes > this.capacity) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  get inUse(): number {
    return this.held;
  }
}
