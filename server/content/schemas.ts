import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path segment could be an id at all (anything else is simply not found). */
export const isUuid = (value: string) => UUID.test(value);

export const idSchema = z.uuid("validation.uuid");
