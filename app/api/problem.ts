/** One field-level complaint from the server, with the request prefix (`body/`, `query/`) already removed. */
interface FieldProblem {
  /** Form field path, e.g. `['newPassword']`. */
  field: string[];
  message: string;
  code?: string;
}

interface ProblemBody {
  status?: number;
  code?: string;
  detail?: string;
  errors?: { path: string; message: string; code?: string }[];
}

/** A failed API call, parsed from the server's application/problem+json body (or made up for network errors). */
export class ApiProblem extends Error {
  readonly status: number;
  /** Stable machine-readable reason (`invalid_credentials`, `email_taken`…) that the app translates. */
  readonly code: string;
  readonly detail: string;
  readonly fieldProblems: FieldProblem[];
  /** From the Retry-After header of 429 answers (account locked, rate limited). */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    status: number;
    code: string;
    detail: string;
    fieldProblems?: FieldProblem[];
    retryAfterSeconds?: number | null;
  }) {
    super(options.detail);
    this.name = 'ApiProblem';
    this.status = options.status;
    this.code = options.code;
    this.detail = options.detail;
    this.fieldProblems = options.fieldProblems ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

function toFieldPath(path: string): string[] {
  const [, ...rest] = path.split('/');
  return rest.filter(Boolean);
}

/** Reads an error response; a body that is not problem+json still yields a usable problem. */
export async function problemFromResponse(response: Response): Promise<ApiProblem> {
  let body: ProblemBody = {};
  try {
    body = (await response.json()) as ProblemBody;
  } catch {
    // A proxy's HTML error page or an empty body: the status alone has to do.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiProblem({
    status: body.status ?? response.status,
    code: body.code ?? `http_${response.status}`,
    detail: body.detail ?? response.statusText,
    fieldProblems: (body.errors ?? []).map((error) => ({
      field: toFieldPath(error.path),
      message: error.message,
      code: error.code,
    })),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  });
}

export const isApiProblem = (error: unknown): error is ApiProblem => error instanceof ApiProblem;
