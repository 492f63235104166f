/** An answer other than 200: the envelope's status and its code without the `volumes.error.` prefix. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`volumes.error.${code}`);
  }
}

export const notExists = (): ApiError => new ApiError(406, 'not-exists');
export const accessDenied = (): ApiError => new ApiError(403, 'access-denied');
export const parameterInvalid = (): ApiError => new ApiError(406, 'parameter-invalid');
export const requireParameter = (name: string): ApiError => new ApiError(406, `require-parameter-${name}`);
export const statusInvalid = (): ApiError => new ApiError(406, 'status-invalid');
