/** A refusal the operator can act on: printed as is, without a stack trace. */
export class OpsError extends Error {
  override name = 'OpsError';
}
