/** A failure the person starting LexFlow can act on: printed as one line, no stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
