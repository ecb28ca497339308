/**
 * Errors the fake raises, shaped like `OfficeExtension.Error` (a `code` the add-in can switch on)
 * so code written against the fake handles the real host's failures the same way.
 */
export type FakeErrorCode =
  | 'PropertyNotLoaded'
  | 'ItemNotFound'
  | 'ItemAlreadyExists'
  | 'InvalidArgument'
  | 'InvalidOperation'
  | 'InvalidReference'
  | 'InvalidObjectPath'
  | 'AccessDenied'
  | 'ApiNotFound'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded';

export class FakeOfficeError extends Error {
  /** Where in the batch it failed, like `debugInfo.errorLocation` in Office.js. */
  readonly debugInfo: { code: FakeErrorCode; errorLocation?: string };

  constructor(
    readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
    this.debugInfo = { code, errorLocation };
  }
}

export function notLoaded(objectType: string, property: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' of ${objectType} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}
