// The broker a use case publishes to devices through (device feedback, rejected replies, commands): none until the
// broker runs, and none again once it closed. `attach` returns the detach the composition calls at close; a detach
// of a broker that was replaced meanwhile leaves the newer one in place.

export class BrokerSlot<T> {
  private attached: T | null = null;

  /** The broker now, or null (not up yet, or closed): the caller counts what it could not send. */
  get current(): T | null {
    return this.attached;
  }

  attach(next: T): () => void {
    this.attached = next;
    return () => {
      if (this.attached === next) this.attached = null;
    };
  }
}
