/**
 * Typed domain errors. The domain throws these; only the HTTP edge (shared/http) turns them into status codes,
 * and the message is written for the person who reads it: never an Amazon body, a token or a stack.
 */
export type ErrorCode =
  | 'BadRequest'
  | 'Unauthorized'
  | 'AccessDenied'
  | 'StoreNotFound'
  | 'StoreNotActive'
  | 'OperatorNotFound'
  | 'MemberNotFound'
  | 'LastOwner'
  | 'AuthorizationRevoked'
  | 'Throttled'
  | 'AmazonUnavailable'
  | 'AuditUnavailable'
  | 'ServiceUnavailable'
  | 'NotImplemented'
  | 'Internal';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export class BadRequest extends DomainError {
  constructor(message: string) {
    super('BadRequest', message);
  }
}

export class AccessDenied extends DomainError {
  constructor(message = 'You do not have access to this store.') {
    super('AccessDenied', message);
  }
}

export class StoreNotFound extends DomainError {
  constructor() {
    super('StoreNotFound', 'No such store.');
  }
}

export class Throttled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('Throttled', 'Amazon is rate-limiting this store; try again shortly.', { retryAfterSeconds });
  }
}

export class AmazonUnavailable extends DomainError {
  constructor(readonly retryAfterSeconds = 30) {
    super('AmazonUnavailable', 'Amazon did not answer in time; try again shortly.', { retryAfterSeconds });
  }
}

export class NotImplemented extends DomainError {
  constructor(what: string) {
    super('NotImplemented', `${what} is not built yet.`);
  }
}

export class OperatorNotFound extends DomainError {
  constructor() {
    super(
      'OperatorNotFound',
      'No operator has this email. They need a Mint Hub sign-in first; ask an admin to create one.',
    );
  }
}

export class MemberNotFound extends DomainError {
  constructor() {
    super('MemberNotFound', 'This person is not a member of the store.');
  }
}

export class LastOwnerError extends DomainError {
  constructor() {
    super('LastOwner', 'A store always keeps at least one owner: add another owner first.');
  }
}

/** One of our own AWS dependencies (DynamoDB, KMS, SQS, Cognito…) is down or throttling: try again shortly. */
export class ServiceUnavailable extends DomainError {
  constructor(
    readonly service: string,
    readonly retryAfterSeconds = 5,
    /** `configuration`: a permission, key, table, queue or secret is wrong; operators are alarmed. */
    readonly fault: 'outage' | 'configuration' = 'outage',
  ) {
    super('ServiceUnavailable', 'A service Mint Hub depends on did not answer; try again in a few seconds.', {
      retryAfterSeconds,
    });
  }
}
