/** Errors the replica turns into 4xx answers; code switches on `code`, never on the message. */

export class ReplicaRequestError extends Error {
  constructor(
    readonly code: 'REPLICA_QUERY_SYNTAX' | 'REPLICA_UNKNOWN_FIELD' | 'REPLICA_BAD_PARAMETER',
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
    this.name = 'ReplicaRequestError';
  }
}

export function querySyntaxError(message: string): ReplicaRequestError {
  return new ReplicaRequestError('REPLICA_QUERY_SYNTAX', message);
}

/** Solr's wording for a field its schema does not have. */
export function unknownFieldError(field: string): ReplicaRequestError {
  return new ReplicaRequestError('REPLICA_UNKNOWN_FIELD', `undefined field ${field}`);
}

export function badParameterError(message: string): ReplicaRequestError {
  return new ReplicaRequestError('REPLICA_BAD_PARAMETER', message);
}
