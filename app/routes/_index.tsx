import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Seedbed" }];

export default function Index() {
  return <main><h1>Seedbed</h1></main>;
}
