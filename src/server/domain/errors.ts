/** The one error type the domain throws; the API layer maps `code` to a transport status. */
export type DomainErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'CONFLICT' | 'INVALID' | 'LIMIT';

export class DomainError<TDetails = unknown> extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: TDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);
