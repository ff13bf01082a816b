import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs to stdout; each HTTP request gets a child logger carrying its request id. */
export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({
    name: options.name ?? "seedbed",
    level: options.level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "password", "*.password", "token"],
      censor: "[redacted]",
    },
  });
}
