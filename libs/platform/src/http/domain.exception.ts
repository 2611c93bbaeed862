/**
 * Base of every module's exception: a stable machine-readable code and the HTTP status it maps to. Modules declare one
 * subclass with their own code enum; the global filter turns it into a response.
 */
export abstract class DomainException<Code extends string = string> extends Error {
  abstract readonly status: number;

  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
