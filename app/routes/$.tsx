import type { MetaFunction } from "@remix-run/node";
import { ErrorPage, GeneralErrorBoundary } from "~/components/error-page";
import { titleMeta } from "~/utils/meta";

/** Every URL no other route claims: a real 404 status with the friendly page. */
export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "error.notFound.title");

export function loader() {
  throw new Response("Not Found", { status: 404 });
}

// A form posted to a path that doesn't exist is a 404 too, not a 405.
export function action() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export const ErrorBoundary = GeneralErrorBoundary;
