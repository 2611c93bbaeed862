/** The error shape every Tailor app answers with: `{statusCode, code, message, correlationId}`. */
export interface TailorErrorBody {
  statusCode: number;
  code: string;
  message: string;
  correlationId?: string;
}

/** A request Tailor answered with an error status, or that did not reach it. */
export class TailorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = TailorApiError.name;
  }

  static from(error: unknown, response: Response | undefined): TailorApiError {
    const body = (error ?? {}) as Partial<TailorErrorBody>;
    const status = response?.status ?? body.statusCode ?? 0;
    const message = body.message ?? (error instanceof Error ? error.message : `request failed with status ${status}`);
    return new TailorApiError(status, body.code ?? (response ? 'HTTP_ERROR' : 'NETWORK_ERROR'), message, body.correlationId);
  }
}
