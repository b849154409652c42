// The one place that talks HTTP: JSON in and out, the sign-in cookie, and RFC 7807 problems turned into ApiError.

/** A refused or failed request, with what the server said (problem details) for the user to read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly fieldErrors: Record<string, string[]>,
    readonly code: string | null,
  ) {
    super(detail ?? title);
  }

  /** 0 = the server could not be reached at all. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** Called when any request answers 401: the session ended (signed out elsewhere, account disabled, cookie expired). */
export function whenUnauthorized(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export interface RequestOptions {
  /** Commands carry a fresh key so a request the browser repeats is applied once. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (options.idempotent) headers["Idempotency-Key"] = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network", null, {}, null);
  }
  if (response.status === 401 && !url.startsWith("/api/auth/")) onUnauthorized();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(url: string, signal?: AbortSignal) => request<T>("GET", url, undefined, { signal });
export const command = <T>(method: "POST" | "PUT" | "DELETE", url: string, body: unknown) =>
  request<T>(method, url, body, { idempotent: true });

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Record<string, unknown> = {};
  try {
    const text = await response.text();
    if (text) problem = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, say): the status alone has to do.
  }
  const errors: Record<string, string[]> = {};
  if (problem["errors"] && typeof problem["errors"] === "object") {
    for (const [field, messages] of Object.entries(problem["errors"] as Record<string, unknown>)) {
      errors[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
    }
  }
  return new ApiError(
    response.status,
    typeof problem["title"] === "string" ? problem["title"] : response.statusText || String(response.status),
    typeof problem["detail"] === "string" ? problem["detail"] : null,
    errors,
    typeof problem["code"] === "string" ? problem["code"] : null,
  );
}

/** Query string from the values that are set. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? "?" + text : "";
}

/** Lists come either bare or as a page; the dashboard reads both. */
export function itemsOf<T>(value: T[] | { items: T[] } | null | undefined): T[] {
  if (!value) return [];
  return Array.isArray(value) ? value : value.items ?? [];
}
