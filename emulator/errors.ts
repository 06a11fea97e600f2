/**
 * Errors the emulator answers with. Each Connect error class carries the wire name the SDK reads from
 * `x-amzn-ErrorType` and the HTTP status the Connect service model gives it.
 */

/** An error that becomes an HTTP answer `{"Message": ...}` with header `x-amzn-ErrorType: errorType`. */
export abstract class ConnectApiError extends Error {
  abstract readonly errorType: string;
  abstract readonly status: number;

  /** Extra members of the error body beside `Message` (e.g. ResourceInUseException's ResourceId). */
  body(): Record<string, unknown> {
    return {};
  }
}

export class InvalidParameterError extends ConnectApiError {
  readonly errorType = 'InvalidParameterException';
  readonly status = 400;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidParameterError';
  }
}

export class ResourceNotFoundError extends ConnectApiError {
  readonly errorType = 'ResourceNotFoundException';
  readonly status = 404;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResourceNotFoundError';
  }
}

export class IdempotencyError extends ConnectApiError {
  readonly errorType = 'IdempotencyException';
  readonly status = 409;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyError';
  }
}

export class ResourceInUseError extends ConnectApiError {
  readonly errorType = 'ResourceInUseException';
  readonly status = 409;
  readonly resourceId: string;
  constructor(message: string, resourceId: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ResourceInUseError';
    this.resourceId = resourceId;
  }
  override body(): Record<string, unknown> {
    return { ResourceType: 'PHONE_NUMBER', ResourceId: this.resourceId };
  }
}

export class ThrottlingError extends ConnectApiError {
  readonly errorType = 'ThrottlingException';
  readonly status = 429;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ThrottlingError';
  }
}

export class InternalServiceError extends ConnectApiError {
  readonly errorType = 'InternalServiceException';
  readonly status = 500;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InternalServiceError';
  }
}

/** A request outside the six operations: unknown route (404), wrong method (405), body too large (413). */
export class HttpRouteError extends ConnectApiError {
  readonly errorType: string;
  readonly status: number;
  constructor(status: number, errorType: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HttpRouteError';
    this.status = status;
    this.errorType = errorType;
  }
}

/** EventBridge's answer to a PutEvents call that is malformed as a whole (awsJson1_1 `__type`). */
export class EventBridgeValidationError extends ConnectApiError {
  readonly errorType = 'ValidationException';
  readonly status = 400;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventBridgeValidationError';
  }
}

/** An emulator configuration that breaks a rule; the message names every offending key. */
export class EmulatorConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options?: ErrorOptions) {
    super(`Invalid emulator configuration: ${problems.join('; ')}`, options);
    this.name = 'EmulatorConfigError';
    this.problems = problems;
  }
}

/** A state file that cannot be read back; names the file. */
export class StateFileError extends Error {
  readonly file: string;
  constructor(file: string, reason: string, options?: ErrorOptions) {
    super(`Emulator state file ${file}: ${reason}`, options);
    this.name = 'StateFileError';
    this.file = file;
  }
}
