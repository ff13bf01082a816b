import { Router } from "express";
import type { AppContext } from "../../context";

/** Placeholder until the API module lands. */
export function createApiRouter(_ctx: AppContext) {
  return Router();
}
