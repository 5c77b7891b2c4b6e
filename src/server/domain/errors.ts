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

/**
 * The one answer for an id the caller may not see, whether it does not exist or belongs to a map they
 * cannot open — for every id kind, so the answer never tells the two apart.
 */
export const NOT_FOUND_OR_NO_ACCESS = 'This does not exist, or you do not have access to it.';

export const notFoundOrNoAccess = () => new DomainError('NOT_FOUND', NOT_FOUND_OR_NO_ACCESS);
