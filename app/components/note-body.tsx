import { Link } from "@remix-run/react";
import { Fragment } from "react";
import type { BodyToken } from "~/utils/feed.server";

/**
 * A note or comment body from its tokens: text stays text (React escapes it; no HTML is ever
 * injected), #话题 become topic links and @mentions of real members link to their profiles.
 */
export function BodyText({ tokens, className }: { tokens: BodyToken[]; className?: string }) {
  return (
    <div className={className}>
      {tokens.map((token, i) => {
        if (token.type === "text") return <Fragment key={i}>{token.text}</Fragment>;
        if (token.type === "topic") {
          return (
            <Link key={i} to={`/t/${encodeURIComponent(token.name)}`} className="body-link">
              #{token.name}
            </Link>
          );
        }
        return token.userId ? (
          <Link key={i} to={`/u/${encodeURIComponent(token.handle)}`} className="body-link">
            @{token.handle}
          </Link>
        ) : (
          <Fragment key={i}>@{token.handle}</Fragment>
        );
      })}
    </div>
  );
}
