import type { Request, Response } from "express";
import type { z } from "zod";
import type { AppContext } from "../../context";
import type { Authentication, CurrentUser, Permission, RequestMeta } from "../../identity";
import type { MessageLocale } from "../../shared/messages";

/** Who may call an operation: anyone, any signed-in user, or users holding a permission. */
export type OperationAuth = "public" | "user" | Permission;
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a handler returns: the response schema's input (e.g. ISO strings), or nothing for 204. */
type Result<R> = R extends z.ZodType ? z.input<R> : void;

export interface HandlerArgs<A extends OperationAuth, P, Q, B> {
  ctx: AppContext;
  /** Null only for public operations called without credentials. */
  user: A extends "public" ? CurrentUser | null : CurrentUser;
  /** How the caller authenticated (session token for log-out, renewed session, …). */
  auth: Authentication | null;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  locale: MessageLocale;
  meta: RequestMeta;
  req: Request;
  res: Response;
}

export interface OperationSpec<
  A extends OperationAuth,
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType | null,
> {
  /** Stable name clients generate code from; DESIGN.md §5 fixes some of them. */
  operationId: string;
  method: HttpMethod;
  /** Express-style path under /api/v1, e.g. "/me/access-tokens/:tokenId". */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body's schema, or null for an empty (204) response. */
  response: R;
  /** Default 200, or 204 when response is null. */
  successStatus?: number;
  /** Error statuses beyond those the framework documents on its own (e.g. 409, 429). */
  errorStatuses?: number[];
  handler: (args: HandlerArgs<A, P, Q, B>) => Promise<Result<R>> | Result<R>;
}

/** An operation with its types erased, as the registry and router hold it. */
export interface ApiOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: OperationAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType | null;
  successStatus: number;
  errorStatuses: number[];
  handler: (args: ErasedHandlerArgs) => Promise<unknown> | unknown;
}

type ErasedHandlerArgs = Omit<HandlerArgs<OperationAuth, undefined, undefined, undefined>, "params" | "query" | "body"> & {
  params: unknown;
  query: unknown;
  body: unknown;
};

/**
 * Declares one /api/v1 operation: its schemas drive request validation and the OpenAPI document
 * alike. Handlers stay thin — parse is done for them; they call one domain function and return data.
 */
export function defineOperation<
  A extends OperationAuth,
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | null = null,
>(spec: OperationSpec<A, P, Q, B, R>): ApiOperation {
  return {
    ...spec,
    successStatus: spec.successStatus ?? (spec.response === null ? 204 : 200),
    errorStatuses: spec.errorStatuses ?? [],
    handler: spec.handler as ApiOperation["handler"],
  } as ApiOperation;
}
