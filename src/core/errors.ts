/** A run setting that cannot be used: `field` names it, `message` says why in one sentence. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
  }
}
