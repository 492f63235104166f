import type { ErrorParamValue } from '@shared/error-catalogue';

/** An error that crossed the boundary, rebuilt with its code, parameters and technical detail. */
export class HostError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, ErrorParamValue> = {},
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'HostError';
  }
}
