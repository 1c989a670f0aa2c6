/** Errors shaped like Office.js's `OfficeExtension.Error` (name "RichApi.Error", a `code`, `debugInfo`). */

export type FakeErrorCode =
  | "ItemNotFound"
  | "InvalidArgument"
  | "ItemAlreadyExists"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "ApiNotFound"
  | "InvalidOperation"
  | "PropertyNotLoaded"
  | "GeneralException"
  | "InvalidOperationInCellEditMode";

export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

/** The message Office.js throws when a proxy property is read before load + sync. */
export function notLoaded(property: string): FakeOfficeError {
  return new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );
}
